namespace McpAspire.Hosting;

public static class ServerResourceBuilderExtensions
{
    /// <summary>A PostgreSQL server; its password is the parameter <c>&lt;name&gt;-password</c>.</summary>
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this IDistributedApplicationBuilder builder, string name)
    {
        var password = builder.AddParameter(name + "-password", secret: true);
        return builder.AddResource(new PostgresServerResource(name, password.Resource));
    }

    /// <summary>A database of the server, created at start if missing.</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(this IResourceBuilder<PostgresServerResource> builder, string name, string? databaseName = null)
    {
        var database = new PostgresDatabaseResource(name, databaseName ?? name, builder.Resource);
        builder.Resource.Databases.Add(database);
        return builder.ApplicationBuilder.AddResource(database);
    }

    /// <summary>A Redis-protocol server: redis-server from the PATH, else Garnet from the AppHost's tool manifest.</summary>
    public static IResourceBuilder<RedisResource> AddRedis(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new RedisResource(name));

    /// <summary>Configuration <c>Parameters:&lt;name&gt;</c>, else a generated value.</summary>
    public static IResourceBuilder<ParameterResource> AddParameter(this IDistributedApplicationBuilder builder, string name, bool secret = false) =>
        builder.AddResource(new ParameterResource(name, secret));
}
