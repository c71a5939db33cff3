using AuthServer.Data;
using AuthServer.Options;
using Microsoft.Extensions.Options;

namespace AuthServer.Tokens;

/// <summary>Re-reads the key set now and then, so a key another replica created (rotation) is published and used here too.</summary>
public sealed partial class SigningKeyRefresher(
    IServiceScopeFactory scopes,
    SigningKeyStore keys,
    IOptions<AuthServerOptions> options,
    ILogger<SigningKeyRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SigningKeys.RefreshInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await keys.EnsureAndLoadAsync(scope.ServiceProvider.GetRequiredService<AuthDbContext>(), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRefreshFailed(logger, ex.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the signing keys ({Reason}); keeping the loaded ones")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);
}
