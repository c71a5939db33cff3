using System.Globalization;
using Npgsql;

namespace McpAspire.Hosting.Orchestration;

/// <summary>A database: created on its server when missing (one CREATE at a time per server), healthy on <c>SELECT 1</c>.</summary>
internal sealed class PostgresDatabaseRunner(PostgresDatabaseResource resource, OrchestratorContext context, SemaphoreSlim serverLock) : ResourceRunner(resource, context)
{
    public override string ResourceType => "PostgreSQL database";

    public override string? Url => resource.Parent.IsExternal
        ? "existing server"
        : string.Create(CultureInfo.InvariantCulture, $"tcp://127.0.0.1:{resource.Parent.Port}/{resource.DatabaseName}");

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await serverLock.WaitAsync(cancellationToken);
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(resource.Parent.ConnectionString(null)) { Pooling = false, Timeout = 5 };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", resource.DatabaseName);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                var quoted = "\"" + resource.DatabaseName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
                await using var create = new NpgsqlCommand("CREATE DATABASE " + quoted, connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        catch (NpgsqlException ex)
        {
            throw new DistributedApplicationException(
                Name,
                $"could not create the database '{resource.DatabaseName}' on '{resource.Parent.Name}': {ex.Message}",
                resource.Parent.IsExternal ? "the user in ConnectionStrings:postgres needs the CREATEDB privilege, or create the database yourself" : null,
                ex);
        }
        finally
        {
            serverLock.Release();
        }
    }

    public override async Task<bool> CheckHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(resource.Parent.ConnectionString(resource.DatabaseName)) { Pooling = false, Timeout = 3 };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            LastHealthProblem = null;
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            LastHealthProblem = "SELECT 1 failed: " + ex.Message;
            return false;
        }
    }
}
