using System.Net;
using System.Security.Cryptography;
using McpAspire.Dashboard.Otlp;
using McpAspire.Dashboard.Resources;
using McpAspire.Dashboard.Telemetry;
using McpAspire.Dashboard.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace McpAspire.Dashboard;

/// <summary>
/// Starts the dashboard inside the AppHost: a browser app (behind the login token) and an OTLP/HTTP receiver, each a
/// Kestrel server on loopback.
/// </summary>
public static class DashboardHost
{
    public static async Task<RunningDashboard> StartAsync(IDashboardResourceSource source, DashboardOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var browserUri = DashboardOptions.ParseLoopback(options.Url, "AppHost:DashboardUrl");
        var otlpUri = DashboardOptions.ParseLoopback(options.OtlpUrl, DashboardOptions.Section + ":OtlpUrl");
        var token = string.IsNullOrEmpty(options.BrowserToken) ? NewToken() : options.BrowserToken;
        var store = new TelemetryStore(options);

        WebApplication? otlp = null;
        WebApplication? browser = null;
        try
        {
            otlp = CreateApp(otlpUri, options.MaxOtlpRequestBytes);
            otlp.MapOtlpReceiver(store, options);
            await otlp.StartAsync(cancellationToken);

            browser = CreateApp(browserUri, maxRequestBodyBytes: 64 * 1024);
            browser.UseDashboardTokenGate(new DashboardTokenGate(token));
            browser.MapDashboardPages(source, store);
            await browser.StartAsync(cancellationToken);

            return new RunningDashboard(browser, otlp, BoundAddress(browser), BoundAddress(otlp), token, store);
        }
        catch
        {
            if (browser is not null)
            {
                await browser.DisposeAsync();
            }

            if (otlp is not null)
            {
                await otlp.DisposeAsync();
            }

            throw;
        }
    }

    private static WebApplication CreateApp(Uri address, long maxRequestBodyBytes)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(DashboardHost).Assembly.GetName().Name });

        // The AppHost's console belongs to the AppHost; request logs would also carry the login URL.
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = maxRequestBodyBytes;
            kestrel.AddServerHeader = false;
            var ip = address.IsLoopback && address.HostNameType == UriHostNameType.IPv6 ? IPAddress.IPv6Loopback : IPAddress.Loopback;
            kestrel.Listen(ip, address.Port);
        });
        return builder.Build();
    }

    private static Uri BoundAddress(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
