using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace McpResource.Tests.Infrastructure;

/// <summary>McpResource on a real Kestrel port with the given settings (for the real handler and the benchmark).</summary>
public sealed class McpResourceHost(IReadOnlyDictionary<string, string?> settings, Action<IWebHostBuilder>? configure = null)
    : WebApplicationFactory<McpResource.Data.McpDbContext>
{
    /// <summary>Starts Kestrel on a free port and returns the MCP endpoint URL.</summary>
    public Uri Start()
    {
        UseKestrel(0);
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
