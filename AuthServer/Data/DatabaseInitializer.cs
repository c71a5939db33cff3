using AuthServer.Clients;
using AuthServer.Tokens;
using AuthServer.Users;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AuthServer.Data;

/// <summary>
/// Before the server listens: applies the migrations (a PostgreSQL advisory lock lets concurrent replicas take
/// turns), seeds clients and (Development/tests) users idempotently, then loads the signing keys.
/// </summary>
public sealed partial class DatabaseInitializer(IServiceProvider services, ILogger<DatabaseInitializer> logger) : IHostedService
{
    // Any constant shared by the replicas; "authdb" in ASCII.
    private const long MigrationLockKey = 0x6175_7468_6462;
    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(30);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + RetryFor;
        while (true)
        {
            try
            {
                await InitializeAsync(cancellationToken);
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

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<AuthDbContext>();
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

                await provider.GetRequiredService<ClientSeeder>().SeedAsync(cancellationToken);
                await provider.GetRequiredService<TestUserSeeder>().SeedAsync(cancellationToken);
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

        await provider.GetRequiredService<SigningKeyStore>().EnsureAndLoadAsync(db, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} migration(s) to authdb, now at {Migration}")]
    private static partial void LogMigrated(ILogger logger, int count, string migration);

    [LoggerMessage(Level = LogLevel.Warning, Message = "authdb is not reachable yet ({Reason}); retrying")]
    private static partial void LogDatabaseNotReady(ILogger logger, string reason);
}
