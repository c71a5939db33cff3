using McpResource.Tests.Infrastructure;
using Npgsql;

namespace McpResource.Tests;

[Collection(McpResourceCollection.Name)]
public sealed class MigrationTests(McpResourceFactory factory)
{
    [Fact]
    public async Task ReplicasStartingTogetherMigrateTheDatabaseOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = "mcpdb_race_" + Guid.NewGuid().ToString("N")[..8];
        await factory.Postgres.CreateDatabaseAsync(database, ct);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:mcpdb"] = factory.Postgres.ConnectionString(database),
            ["TokenValidation:Issuer"] = McpResourceFactory.Issuer,
            ["TokenValidation:Audience"] = McpResourceFactory.Audience,
            ["TokenValidation:ClientId"] = "mcp-resource",
            ["TokenValidation:ClientSecret"] = "not-used-here",
            ["ConnectionStrings:cache"] = "127.0.0.1:1,connectTimeout=200",
        };
        await using var first = new McpResourceHost(settings);
        await using var second = new McpResourceHost(settings);

        await Task.WhenAll(Task.Run(() => first.Server, ct), Task.Run(() => second.Server, ct)).WaitAsync(TimeSpan.FromSeconds(60), ct);

        await using var connection = new NpgsqlConnection(factory.Postgres.ConnectionString(database));
        await connection.OpenAsync(ct);
        await using var migrations = new NpgsqlCommand("SELECT count(*) FROM \"__EFMigrationsHistory\"", connection);
        Assert.Equal(1L, await migrations.ExecuteScalarAsync(ct));
        await using var integrations = new NpgsqlCommand("SELECT count(*) FROM integrations", connection);
        Assert.Equal(6L, await integrations.ExecuteScalarAsync(ct));
    }
}
