using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ChatService.Data;

/// <summary>
/// Applies the EF Core migrations before the server starts listening. A PostgreSQL advisory lock makes
/// concurrent replicas wait for each other instead of racing on the same schema changes.
/// </summary>
public sealed partial class DatabaseMigrator(IServiceProvider services, ILogger<DatabaseMigrator> logger) : IHostedService
{
    // Any constant shared by every replica of this service; "chatdb" in ASCII.
    private const long MigrationLockKey = 0x63_6861_7464_62;
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
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
            try
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} migration(s) to chatdb, now at {Migration}")]
    private static partial void LogMigrated(ILogger logger, int count, string migration);

    [LoggerMessage(Level = LogLevel.Warning, Message = "chatdb is not reachable yet ({Reason}); retrying")]
    private static partial void LogDatabaseNotReady(ILogger logger, string reason);
}
