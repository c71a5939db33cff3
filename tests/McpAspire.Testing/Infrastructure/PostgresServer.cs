using McpAspire.Hosting;
using McpAspire.Hosting.Testing;
using Npgsql;

namespace McpAspire.Testing.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server for in-process tests, started by the AppHost's own orchestrator (the same code that
/// runs the app): a fresh data directory under the temp folder, a free loopback port, password authentication, fsync
/// off; as root it runs as the <c>postgres</c> OS user. Stopped and its directory removed at dispose.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly DistributedApplication _app;
    private readonly PostgresServerResource _resource;

    private PostgresServer(DistributedApplication app, PostgresServerResource resource)
    {
        _app = app;
        _resource = resource;
    }

    public int Port => _resource.Port!.Value;

    public string ConnectionString(string database) => _resource.ConnectionString(database) + ";Timeout=5";

    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        var postgres = builder.AddPostgres("postgres");
        var app = await builder.BuildAsync(cancellationToken);
        try
        {
            await app.StartAsync(cancellationToken);
            return new PostgresServer(app, postgres.Resource);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async Task CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
