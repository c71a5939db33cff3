using McpAspire.Hosting;
using McpAspire.Hosting.Testing;

namespace McpAspire.Testing.Infrastructure;

/// <summary>
/// A throwaway Redis-protocol server on a free loopback port (no persistence), started by the AppHost's own
/// orchestrator: redis-server from the PATH, else Garnet. Stopped at dispose.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly DistributedApplication _app;
    private readonly RedisResource _resource;

    private RedisServer(DistributedApplication app, RedisResource resource)
    {
        _app = app;
        _resource = resource;
    }

    public int Port => _resource.Port!.Value;

    /// <summary>StackExchange.Redis configuration string, as the AppHost passes it in ConnectionStrings__cache.</summary>
    public string ConnectionString => _resource.ConnectionString;

    public static async Task<RedisServer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        var redis = builder.AddRedis("cache");
        var app = await builder.BuildAsync(cancellationToken);
        try
        {
            await app.StartAsync(cancellationToken);
            return new RedisServer(app, redis.Resource);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
