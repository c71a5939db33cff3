using System.Net;
using McpAspire.Dashboard.Integration;
using McpAspire.Hosting;
using McpAspire.Hosting.Testing;
using McpAspire.Testing.Browser;
using Microsoft.Playwright;

namespace McpAspire.Dashboard.Tests;

/// <summary>The dashboard added to a real app model: it follows the orchestrator's resources and their output.</summary>
public sealed class AppModelDashboardTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAppWithTheDashboardShowsItsServersLiveAndMakesTheDashboardTheOtlpCollector()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddPostgres("postgres");
        builder.AddRedis("cache");
        builder.AddDashboard();
        await using var app = await builder.BuildAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));

        await app.StartAsync(timeout.Token);

        var dashboard = app.GetDashboard();
        Assert.NotNull(dashboard);
        Assert.Equal("Running", app.DashboardState);
        Assert.Equal(dashboard.OtlpEndpoint, app.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        await using var browser = await HeadlessBrowser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(dashboard.LoginUrl);
        foreach (var name in new[] { "postgres", "cache" })
        {
            await Assertions.Expect(page.Locator($"tr[data-resource='{name}'][data-state='Running'][data-health='Healthy']")).ToBeVisibleAsync();
        }

        await HeadlessBrowser.ScreenshotAsync(page, "app-model-resources");

        // A stopped server shows as stopped, live, and its restart counts.
        await app.StopResourceAsync("cache", timeout.Token);
        await Assertions.Expect(page.Locator("tr[data-resource='cache']")).Not.ToHaveAttributeAsync("data-state", "Running");
        await app.StartResourceAsync("cache", timeout.Token);
        await Assertions.Expect(page.Locator("tr[data-resource='cache'][data-state='Running'] td:nth-child(7)")).ToHaveTextAsync("1");

        await page.GotoAsync(new Uri(dashboard.BrowserUrl, "/logs/postgres").ToString());
        await Assertions.Expect(page.Locator("#log .line").First).ToBeVisibleAsync();
        await HeadlessBrowser.ScreenshotAsync(page, "app-model-postgres-logs");
    }

    [Fact]
    public async Task TheDashboardStopsWithTheApp()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddRedis("cache");
        builder.AddDashboard();
        var app = await builder.BuildAsync(Ct);
        await app.StartAsync(Ct);
        var dashboard = app.GetDashboard()!;
        using var client = new HttpClient();
        using (var before = await client.GetAsync(dashboard.BrowserUrl, Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, before.StatusCode);
        }

        await app.DisposeAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(dashboard.BrowserUrl, Ct));
        Assert.Null(app.GetDashboard());
    }
}
