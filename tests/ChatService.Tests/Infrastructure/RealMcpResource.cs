using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace ChatService.Tests.Infrastructure;

/// <summary>
/// The real McpResource (its endpoint, tools, scope checks, mcpdb and its introspection of both tokens through the
/// shared cache) on a loopback port, against whichever authorization server the settings name.
/// </summary>
public sealed class RealMcpResource(IReadOnlyDictionary<string, string?> settings, string audience)
    : WebApplicationFactory<McpResource.Data.McpDbContext>
{
    public Uri Start(int port)
    {
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, port));
        StartServer();
        return new Uri(audience);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("TokenValidation:Audience", audience);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }
}
