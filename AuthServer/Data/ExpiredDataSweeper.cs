using AuthServer.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AuthServer.Data;

/// <summary>
/// Deletes what can no longer be used: codes, refresh tokens and access token records past their expiry (with a
/// day's grace so replays are still recognised for a while), and revoked grants with nothing left.
/// </summary>
public sealed partial class ExpiredDataSweeper(IServiceScopeFactory scopes, TimeProvider time, IOptions<AuthServerOptions> options, ILogger<ExpiredDataSweeper> logger)
    : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Grace = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(logger, ex.GetType().Name);
            }
        }
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var before = time.GetUtcNow() - Grace;
        var deleted = await db.AuthorizationCodes.Where(c => c.ExpiresAt < before).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.RefreshTokens.Where(t => t.ExpiresAt < before).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.AccessTokens.Where(t => t.ExpiresAt < before).ExecuteDeleteAsync(cancellationToken);
        var grantHorizon = before - options.Value.Lifetimes.RefreshToken;
        deleted += await db.Grants
            .Where(g => g.CreatedAt < grantHorizon && !db.RefreshTokens.Any(t => t.GrantId == g.Id) && !db.AccessTokens.Any(t => t.GrantId == g.Id))
            .ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            LogSwept(logger, deleted);
        }

        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired code, token and grant row(s)")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete expired rows ({Reason}); will try again")]
    private static partial void LogSweepFailed(ILogger logger, string reason);
}
