using System.Globalization;
using Npgsql;

namespace McpAspire.Hosting;

/// <summary>A PostgreSQL server: <c>initdb</c> + <c>postgres</c> on a free loopback port, password authentication.</summary>
public sealed class PostgresServerResource : ServerResource, IResourceWithConnectionString
{
    public const string UserName = "postgres";

    internal PostgresServerResource(string name, ParameterResource password)
        : base(name)
    {
        Password = password;
        ConnectionStringExpression = new ReferenceExpression("{0}", [new DeferredValue(() => ConnectionString(null), name + ".connectionString")]);
    }

    public ParameterResource Password { get; }

    public IList<PostgresDatabaseResource> Databases { get; } = [];

    public ReferenceExpression ConnectionStringExpression { get; }

    /// <summary>The connection string for <paramref name="database"/> (the server's default database when null).</summary>
    public string ConnectionString(string? database)
    {
        if (ExternalConnectionString is { } external)
        {
            var builder = new NpgsqlConnectionStringBuilder(external);
            if (database is not null)
            {
                builder.Database = database;
            }

            return builder.ConnectionString;
        }

        var port = Port ?? throw new InvalidOperationException($"'{Name}' has no port before the app is built.");
        var text = string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={port};Username={UserName};Password={Password.Value}");
        return database is null ? text : text + ";Database=" + database;
    }
}
