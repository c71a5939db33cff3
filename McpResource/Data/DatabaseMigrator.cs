using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace McpResource.Data;

/// <summary>
/// Applies the EF Core migrations before the server starts listening. A PostgreSQL advisory lock makes
/// concurrent replicas wait for each other instead of racing on the same schema changes.
/// </summary>
public sealed partial class DatabaseMigrator(IServiceProvider services, ILogger<DatabaseMigrator> logger) : IHostedService
{
    // Any constant shared by every replica of this service; "mcpdb" in ASCII.
    private const long MigrationLockKey = 0x6d63_7064_62;
    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(30);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + RetryFor;
        while (true)
        {
            try
            {
                await MigrateAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException ex) when (ex.IsTransient && DateTimeOffset.UtcNow < deadline)
            {
                LogDatabaseNotReady(logger, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<McpDbContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
            try
            {
                // Asking for the applied migrations of a new database would log a failed query: check the history table first.
                var applied = await db.GetService<IHistoryRepository>().ExistsAsync(cancellationToken)
                    ? await db.Database.GetAppliedMigrationsAsync(cancellationToken)
                    : [];
                var pending = db.Database.GetMigrations().Except(applied).ToList();
                if (pending.Count > 0)
                {
                    await db.Database.MigrateAsync(cancellationToken);
                    LogMigrated(logger, pending.Count, pending[^1]);
                }
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} migration(s) to mcpdb, now at {Migration}")]
    private static partial void LogMigrated(ILogger logger, int count, string migration);

    [LoggerMessage(Level = LogLevel.Warning, Message = "mcpdb is not reachable yet ({Reason}); retrying")]
    private static partial void LogDatabaseNotReady(ILogger logger, string reason);
}
