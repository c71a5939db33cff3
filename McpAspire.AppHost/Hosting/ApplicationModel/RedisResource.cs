using System.Globalization;

namespace McpAspire.Hosting;

/// <summary>A Redis-protocol server (redis-server, else Garnet) on a free loopback port.</summary>
public sealed class RedisResource : ServerResource, IResourceWithConnectionString
{
    internal RedisResource(string name)
        : base(name)
    {
        ConnectionStringExpression = new ReferenceExpression("{0}", [new DeferredValue(() => ConnectionString, name + ".connectionString")]);
    }

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c>.</summary>
    public string ConnectionString => ExternalConnectionString
        ?? string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port ?? throw new InvalidOperationException($"'{Name}' has no port before the app is built.")}");

    public ReferenceExpression ConnectionStringExpression { get; }
}
