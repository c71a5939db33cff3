using StackExchange.Redis;

namespace McpAspire.ServiceDefaults.Data;

/// <summary>The Redis configuration string <c>ConnectionStrings:&lt;name&gt;</c>, checked when the host starts.</summary>
internal sealed class RedisSettings
{
    public string? Configuration { get; set; }

    public static ConnectionMultiplexer Connect(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        if (!configuration.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase))
        {
            options.ConnectTimeout = 2000;
        }

        return ConnectionMultiplexer.Connect(options);
    }
}
