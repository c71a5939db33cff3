using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace McpAspire.ServiceDefaults.Authentication;

/// <summary>
/// Subscribes to <see cref="IntrospectionDefaults.RevocationChannel"/> (message = the revoked access token's jti) and
/// evicts that token from both caches. When Redis is down at start it keeps trying in the background; the service
/// starts and serves meanwhile. After a reconnect the in-process cache is emptied, since events may have been missed.
/// </summary>
internal sealed class RevocationListener(CachingTokenIntrospector introspector, ILogger<RevocationListener> logger) : IHostedService, IDisposable
{
    private static readonly RedisChannel Channel = new(IntrospectionDefaults.RevocationChannel, RedisChannel.PatternMode.Literal);

    private readonly IntrospectionLog _log = new(logger);
    private readonly CancellationTokenSource _stopping = new();
    private Task _subscribing = Task.CompletedTask;
    private bool _subscribed;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var redis = introspector.Redis;
        if (redis is null)
        {
            return Task.CompletedTask;
        }

        redis.ConnectionRestored += OnConnectionRestored;
        _subscribing = SubscribeAsync(redis, _stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _subscribing.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var redis = introspector.Redis;
        if (redis is null)
        {
            return;
        }

        redis.ConnectionRestored -= OnConnectionRestored;
        if (_subscribed && redis.IsConnected)
        {
            try
            {
                await redis.GetSubscriber().UnsubscribeAsync(Channel, OnMessage).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException or OperationCanceledException)
            {
                // Stopping anyway: the connection goes with the host.
            }
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task SubscribeAsync(IConnectionMultiplexer redis, CancellationToken stopping)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await redis.GetSubscriber().SubscribeAsync(Channel, OnMessage).WaitAsync(TimeSpan.FromSeconds(5), stopping);
                _subscribed = true;
                _log.Subscribed(IntrospectionDefaults.RevocationChannel);
                return;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                _log.SubscribeFailed(IntrospectionDefaults.RevocationChannel, exception.Message);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await Task.Delay(delay, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = delay < TimeSpan.FromSeconds(5) ? delay * 2 : delay;
        }
    }

    private void OnMessage(RedisChannel channel, RedisValue message)
    {
        if (message.IsNullOrEmpty)
        {
            return;
        }

        var tokenId = (string?)message;
        if (string.IsNullOrWhiteSpace(tokenId) || tokenId.Length > 512)
        {
            return;
        }

        _ = introspector.RevokeAsync(tokenId);
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) => introspector.ClearLocal("reconnect");
}
