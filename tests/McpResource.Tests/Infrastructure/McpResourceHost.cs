using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace McpResource.Tests.Infrastructure;

/// <summary>McpResource on a real Kestrel port with the given settings (for the real handler and the benchmark).</summary>
public sealed class McpResourceHost(IReadOnlyDictionary<string, string?> settings, Action<IWebHostBuilder>? configure = null)
    : WebApplicationFactory<McpResource.Data.McpDbContext>
{
    /// <summary>Starts Kestrel on 127.0.0.1:<paramref name="port"/> (0: any free port) and returns the MCP endpoint URL.</summary>
    public Uri Start(int port = 0)
    {
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, port));
        StartServer();
        return new Uri(ClientOptions.BaseAddress, "/mcp");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        configure?.Invoke(builder);
    }
}
