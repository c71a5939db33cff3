using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AuthServer.Tests.Infrastructure;

/// <summary>AuthServer in process, configured with the given settings (UseSetting, so Program sees them before Build).</summary>
public sealed class AuthServerFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<AuthServerEntryPoint>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
