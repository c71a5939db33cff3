using McpAspire.Testing.Browser;
using Microsoft.Playwright;

namespace McpAspire.Dashboard.Tests;

/// <summary>The dashboard in headless Chromium: sign in with the printed address, see resources, logs, a trace and metrics.</summary>
public sealed class DashboardBrowserTests
{
    [Fact]
    public async Task ADeveloperSignsInAndSeesHealthyResourcesLiveLogsAndATraceAcrossThreeServices()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        dashboard.PublishAppResources();
        dashboard.Board.WriteLog("auth-server", "Now listening on: http://127.0.0.1:50003", isError: false);
        dashboard.Board.WriteLog("auth-server", "Application started.", isError: false);
        var traceId = OtlpSenders.SendChatTrace(dashboard.OtlpTraces, Guid.NewGuid().ToString("N"));
        OtlpSenders.SendProjectMetrics(dashboard.OtlpMetrics, Guid.NewGuid().ToString("N"));
        await using var browser = await HeadlessBrowser.LaunchAsync();
        var page = await browser.NewPageAsync();

        // Resources: the printed address signs in and lands on the live table.
        await page.GotoAsync(dashboard.Running.LoginUrl);
        Assert.Equal(dashboard.Running.BrowserUrl.ToString(), page.Url);
        foreach (var name in new[] { "postgres", "cache", "auth-server", "mcp-resource", "chat-service" })
        {
            await Assertions.Expect(page.Locator($"tr[data-resource='{name}'][data-health='Healthy']")).ToBeVisibleAsync();
        }

        await HeadlessBrowser.ScreenshotAsync(page, "dashboard-resources-healthy");

        // Live: a resource that changes state is updated without a reload.
        dashboard.Board.Publish(new Resources.DashboardResource("mcp-resource", "Project", "Exited", "Unhealthy", [], null, 1, 137, "exited with code 137"));
        await Assertions.Expect(page.Locator("tr[data-resource='mcp-resource'][data-state='Exited']")).ToContainTextAsync("137");
        await HeadlessBrowser.ScreenshotAsync(page, "dashboard-resources");

        // Console logs: existing lines, a line written after the page opened, and the search box.
        await page.GotoAsync(new Uri(dashboard.Running.BrowserUrl, "/logs/auth-server").ToString());
        await Assertions.Expect(page.Locator("#log .line")).ToHaveCountAsync(2);
        dashboard.Board.WriteLog("auth-server", "Introspection cache miss for a new token", isError: false);
        await Assertions.Expect(page.Locator("#log .line")).ToHaveCountAsync(3);
        await page.FillAsync("#search", "introspection");
        await Assertions.Expect(page.Locator("#log .line:not(.hidden)")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#count")).ToHaveTextAsync("1 of 3 lines");
        await HeadlessBrowser.ScreenshotAsync(page, "dashboard-console-logs");

        // Traces: the chat message's trace is listed with its three services and opens as a waterfall.
        await page.GotoAsync(new Uri(dashboard.Running.BrowserUrl, "/traces").ToString());
        var row = page.Locator($"tr[data-trace='{traceId}']");
        await Assertions.Expect(row).ToContainTextAsync("chat-service");
        await Assertions.Expect(row).ToContainTextAsync("mcp-resource");
        await Assertions.Expect(row).ToContainTextAsync("auth-server");
        await HeadlessBrowser.ScreenshotAsync(page, "dashboard-traces");
        await row.Locator("a").ClickAsync();
        await Assertions.Expect(page.Locator("#waterfall details.span")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("#waterfall details.span[data-resource='auth-server']").First).ToContainTextAsync("POST /connect/introspect");
        await Assertions.Expect(page.Locator("#waterfall details.span[data-resource='auth-server']").Last).ToContainTextAsync("SELECT authdb client → postgresql");
        await page.Locator("#waterfall details.span[data-resource='mcp-resource'] summary").ClickAsync();
        await Assertions.Expect(page.Locator("#waterfall details.span[data-resource='mcp-resource'] .detail")).ToContainTextAsync("create_ticket");
        await HeadlessBrowser.ScreenshotAsync(page, "dashboard-trace-waterfall");

        // Metrics: the cache hit ratio, tool calls by tool and outcome, tokens by grant type.
        await page.GotoAsync(new Uri(dashboard.Running.BrowserUrl, "/metrics").ToString());
        await Assertions.Expect(page.Locator("[data-ratio='mcp-resource/mcpaspire.introspection.cache.lookups'] .big")).ToHaveTextAsync("90.0 %");
        var calls = page.Locator("[data-metric='mcp.tool.calls']");
        await Assertions.Expect(calls.Locator("tr[data-series='mcp.tool.name=create_ticket, mcp.tool.outcome=success'] .value")).ToHaveTextAsync("9");
        await Assertions.Expect(calls.Locator("tr[data-series='mcp.tool.name=create_ticket, mcp.tool.outcome=success'] .change")).ToHaveTextAsync("+9");
        await Assertions.Expect(calls.Locator("tr[data-series='mcp.tool.name=create_ticket, mcp.tool.outcome=forbidden'] .value")).ToHaveTextAsync("3");
        var tokens = page.Locator("[data-metric='mcpaspire.tokens.issued']");
        await Assertions.Expect(tokens.Locator("tr[data-series='grant_type=client_credentials'] .value")).ToHaveTextAsync("15");
        await Assertions.Expect(tokens.Locator("svg.spark")).ToHaveCountAsync(2);
        await HeadlessBrowser.ScreenshotAsync(page, "dashboard-metrics");
    }

    [Fact]
    public async Task WithoutTheTokenTheBrowserSeesOnlyTheSignInForm()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        dashboard.PublishAppResources();
        await using var browser = await HeadlessBrowser.LaunchAsync();
        var page = await browser.NewPageAsync();

        var response = await page.GotoAsync(dashboard.Running.BrowserUrl.ToString());

        Assert.Equal(401, response!.Status);
        await Assertions.Expect(page.Locator("input[name='token']")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("tr[data-resource]").CountAsync());
        await page.FillAsync("input[name='token']", TestDashboard.Token);
        await page.ClickAsync("button[type='submit']");
        await Assertions.Expect(page.Locator("tr[data-resource='auth-server']")).ToBeVisibleAsync();
    }
}
