using AuthServer.Telemetry;
using StackExchange.Redis;

namespace AuthServer.Tokens;

/// <summary>
/// Tells resource servers at once that access tokens are revoked: one message per revoked <c>jti</c> on the Redis
/// channel <c>mcpaspire:revocations</c>, so their introspection caches evict. Redis being down does not undo a
/// revocation (the database has it); the caches then forget the token when their entry ends.
/// </summary>
public sealed partial class RevocationPublisher(IConnectionMultiplexer redis, AuthServerTelemetry telemetry, ILogger<RevocationPublisher> logger)
{
    public const string Channel = "mcpaspire:revocations";

    public async Task PublishAsync(IReadOnlyCollection<string> jtis)
    {
        if (jtis.Count == 0)
        {
            return;
        }

        telemetry.Revoked(jtis.Count);
        try
        {
            var subscriber = redis.GetSubscriber();
            await Task.WhenAll(jtis.Select(jti => subscriber.PublishAsync(Channel, jti)));
            LogPublished(logger, jtis.Count);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogPublishFailed(logger, jtis.Count, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published {Count} access token revocation(s)")]
    private static partial void LogPublished(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish {Count} access token revocation(s) ({Reason}); resource server caches will expire them")]
    private static partial void LogPublishFailed(ILogger logger, int count, string reason);
}
