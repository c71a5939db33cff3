using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace McpAspire.ServiceDefaults.Data;

/// <summary>
/// Versioned EF Core migrations applied at start, the same way in every service: while the database is not
/// reachable yet the start retries for 30 s, and a PostgreSQL advisory lock (keyed by the database's name) makes
/// concurrent replicas take turns instead of racing on the same schema changes.
/// </summary>
public static partial class DatabaseMigrations
{
    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="attempt"/>, again after a second while PostgreSQL answers with a transient error, for up to 30 s.</summary>
    public static async Task RetryWhileUnreachableAsync(string databaseName, ILogger logger, Func<CancellationToken, Task> attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var deadline = DateTimeOffset.UtcNow + RetryFor;
        while (true)
        {
            try
            {
                await attempt(cancellationToken);
                return;
            }
            catch (NpgsqlException ex) when (ex.IsTransient && DateTimeOffset.UtcNow < deadline)
            {
                LogDatabaseNotReady(logger, databaseName, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Under the database's advisory lock: applies the pending migrations, then runs <paramref name="alsoUnderLock"/>
    /// (e.g. idempotent seeding that replicas must not run at the same time).
    /// </summary>
    public static async Task MigrateAsync(DbContext db, string databaseName, ILogger logger, Func<CancellationToken, Task>? alsoUnderLock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var lockKey = LockKey(databaseName);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({lockKey})", cancellationToken);
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
                    LogMigrated(logger, pending.Count, databaseName, pending[^1]);
                }

                if (alsoUnderLock is not null)
                {
                    await alsoUnderLock(cancellationToken);
                }
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({lockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The names' ASCII bytes as a number for names of up to 8 bytes ("chatdb" is 0x636861746462), otherwise the
    /// first 8 bytes of their SHA-256: the same key in every replica.
    /// </summary>
    internal static long LockKey(string databaseName)
    {
        var bytes = Encoding.ASCII.GetBytes(databaseName);
        if (bytes.Length > 8)
        {
            return BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(bytes));
        }

        long key = 0;
        foreach (var b in bytes)
        {
            key = (key << 8) | b;
        }

        return key;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} migration(s) to {Database}, now at {Migration}")]
    private static partial void LogMigrated(ILogger logger, int count, string database, string migration);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Database} is not reachable yet ({Reason}); retrying")]
    private static partial void LogDatabaseNotReady(ILogger logger, string database, string reason);
}

/// <summary>Migrates <typeparamref name="TContext"/> at start (see <see cref="DatabaseMigrations"/>).</summary>
public sealed class DatabaseMigrator<TContext>(IServiceProvider services, string databaseName, ILogger<DatabaseMigrator<TContext>> logger) : IHostedService
    where TContext : DbContext
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        DatabaseMigrations.RetryWhileUnreachableAsync(databaseName, logger, async ct =>
        {
            await using var scope = services.CreateAsyncScope();
            await DatabaseMigrations.MigrateAsync(scope.ServiceProvider.GetRequiredService<TContext>(), databaseName, logger, null, ct);
        }, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
