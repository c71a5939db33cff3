using McpAspire.ServiceDefaults.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>Redis through StackExchange.Redis, configured the same way in every service.</summary>
public static class RedisExtensions
{
    /// <summary>
    /// A singleton <see cref="IConnectionMultiplexer"/> on <c>ConnectionStrings:&lt;name&gt;</c> that does not stop
    /// the start when Redis is down (abortConnect=false; it reconnects by itself), and a health check named
    /// <paramref name="name"/> tagged "ready" that reports Degraded (still HTTP 200) while Redis is unreachable:
    /// the services keep serving without their cache.
    /// </summary>
    public static IHostApplicationBuilder AddRedisClient(this IHostApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        builder.Services.AddOptions<RedisSettings>(name)
            .Configure<IConfiguration>((settings, configuration) => settings.Configuration = configuration.GetConnectionString(name))
            .Validate(
                settings => !string.IsNullOrWhiteSpace(settings.Configuration),
                $"The connection string 'ConnectionStrings:{name}' (environment variable ConnectionStrings__{name}) is not set. "
                + "Start the service from the AppHost, or set it to a StackExchange.Redis configuration such as 127.0.0.1:6379.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton<IConnectionMultiplexer>(services =>
            RedisSettings.Connect(services.GetRequiredService<IOptionsMonitor<RedisSettings>>().Get(name).Configuration!));
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            name,
            services => new RedisHealthCheck(services.GetRequiredService<IConnectionMultiplexer>()),
            HealthStatus.Degraded,
            [Extensions.ReadyTag],
            TimeSpan.FromSeconds(3)));
        return builder;
    }
}
