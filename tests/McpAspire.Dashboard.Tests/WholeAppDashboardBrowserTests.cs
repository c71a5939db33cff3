using System.Diagnostics;
using System.Globalization;
using McpAspire.Dashboard.Integration;
using McpAspire.Dashboard.Telemetry;
using McpAspire.Testing.Browser;
using Microsoft.Playwright;

namespace McpAspire.Dashboard.Tests;

/// <summary>
/// The whole app in headless Chromium: alice asks for a ticket on the chat page, then the dashboard (opened with the
/// printed sign-in address) shows every resource healthy and that message as one trace across chat-service,
/// mcp-resource and auth-server. Screenshots: <c>screenshots/wholeapp-*.png</c> in the test output folder.
/// </summary>
[Collection(WholeAppCollection.Name)]
public sealed class WholeAppDashboardBrowserTests(DashboardAppFixture fixture, ITestOutputHelper output)
{
    private static readonly string[] Services = ["chat-service", "mcp-resource", "auth-server"];

    [Fact]
    public async Task AChatMessageShowsAsOneTraceAcrossTheThreeServicesAndEveryResourceIsHealthy()
    {
        var ct = TestContext.Current.CancellationToken;
        var dashboard = fixture.App.GetDashboard() ?? throw new InvalidOperationException("The app model serves no dashboard.");
        await using var browser = await HeadlessBrowser.LaunchAsync();
        var chat = await browser.NewPageAsync();

        // The chat page: sign in on AuthServer's login page, consent, ask for a ticket.
        await chat.GotoAsync(fixture.GetEndpoint("chat-service").ToString());
        await chat.Locator("#signin").ClickAsync();
        await chat.Locator("input[name='Input.UserName']").FillAsync("alice");
        await chat.Locator("input[name='Input.Password']").FillAsync("password123");
        await chat.Locator("button[type='submit']").ClickAsync();
        await chat.Locator("button[name='decision'][value='allow']").ClickAsync();
        await Assertions.Expect(chat.Locator("#who")).ToHaveTextAsync("alice");
        await chat.Locator("#new-conversation").ClickAsync();
        var sentAt = DateTimeOffset.UtcNow;
        await chat.Locator("#message").FillAsync("Open a ticket: Badge reader at the side door is offline");
        await chat.Locator("#send").ClickAsync();
        var reply = chat.Locator("#messages li.assistant[data-done='true']");
        try
        {
            await Assertions.Expect(reply).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        }
        catch (PlaywrightException)
        {
            Screenshot(await HeadlessBrowser.ScreenshotAsync(chat, "wholeapp-chat-failure"));
            output.WriteLine("page: " + await chat.Locator("body").InnerTextAsync());
            throw;
        }

        await Assertions.Expect(reply.Locator(".tool.success[data-tool='create_ticket']")).ToBeVisibleAsync();
        Screenshot(await HeadlessBrowser.ScreenshotAsync(chat, "wholeapp-chat-reply"));

        // The telemetry the dashboard received: that message's trace, one tree rooted in chat-service's request.
        var (traceId, spans) = await WaitForMessageTraceAsync(dashboard, sentAt, ct);
        var listing = new List<string> { $"trace {traceId}: {spans.Count} spans" };
        listing.AddRange(spans.Select(span => string.Create(CultureInfo.InvariantCulture,
            $"  {span.Resource,-13} {span.Kind,-8} {span.DurationMilliseconds,8:F1} ms  {span.Name}  {Target(span)}")));
        var listingPath = Path.Combine(HeadlessBrowser.ScreenshotDirectory, "wholeapp-trace.txt");
        await File.WriteAllLinesAsync(listingPath, listing, ct);
        listing.ForEach(output.WriteLine);
        output.WriteLine("trace listing: " + listingPath);

        var byId = spans.ToDictionary(s => s.SpanId, StringComparer.Ordinal);
        var root = Assert.Single(spans, s => s.ParentSpanId is null || !byId.ContainsKey(s.ParentSpanId));
        Assert.Equal(("chat-service", "server"), (root.Resource, root.Kind));
        Assert.Null(root.ParentSpanId);

        // chat-service → mcp-resource: every MCP request of the message is a server span under ChatService's client
        // span (traceparent went through the MCP client's HttpClient), and the tool ran in McpResource as alice.
        var mcpRequests = spans.Where(s => s.Resource == "mcp-resource" && s.Kind == "server").ToArray();
        Assert.NotEmpty(mcpRequests);
        Assert.All(mcpRequests, s => Assert.Equal(("chat-service", "client"), (byId[s.ParentSpanId!].Resource, byId[s.ParentSpanId!].Kind)));
        Assert.Contains(spans, s => s.Resource == "mcp-resource" && s.Name == "tools/call create_ticket");

        // mcp-resource → auth-server: McpResource introspected the new tokens at AuthServer within this trace.
        var authority = fixture.GetEndpoint("auth-server").GetLeftPart(UriPartial.Authority);
        var introspections = spans.Where(s => s.Resource == "mcp-resource" && s.Kind == "client"
            && Target(s) == authority + "/connect/introspect").ToArray();
        Assert.NotEmpty(introspections);

        // AuthServer exports too: its introspection request is a server span under McpResource's call, and its
        // token lookups in PostgreSQL are spans under that.
        var answered = spans.Where(s => s.Resource == "auth-server" && s.Kind == "server" && introspections.Any(i => i.SpanId == s.ParentSpanId)).ToArray();
        Assert.NotEmpty(answered);
        Assert.Contains(spans, s => s.Resource == "auth-server" && s.Scope == "Npgsql" && answered.Any(a => IsUnder(s, a, byId)));

        // The dashboard, opened with the printed address: every resource running and healthy.
        var page = await browser.NewPageAsync();
        await page.GotoAsync(dashboard.LoginUrl);
        var names = fixture.App.ResourceNotifications.GetSnapshots().Select(s => s.Name).ToArray();
        Assert.Equal(["auth-server", "authdb", "cache", "chat-service", "chatdb", "mcp-resource", "mcpdb", "postgres"], names.Order(StringComparer.Ordinal));
        foreach (var name in names)
        {
            await Assertions.Expect(page.Locator($"tr[data-resource='{name}'][data-health='Healthy']")).ToBeVisibleAsync();
        }

        await Assertions.Expect(page.Locator("tr[data-resource]")).ToHaveCountAsync(names.Length);
        await Assertions.Expect(page.Locator("tr[data-resource]:not([data-health='Healthy'])")).ToHaveCountAsync(0);
        Screenshot(await HeadlessBrowser.ScreenshotAsync(page, "wholeapp-dashboard-resources"));

        // Traces: the message's trace is listed with the services it crossed and opens as a waterfall holding every span.
        var crossed = Services;
        await page.GotoAsync(new Uri(dashboard.BrowserUrl, "/traces").ToString());
        var row = page.Locator($"tr[data-trace='{traceId}']");
        foreach (var service in crossed)
        {
            await Assertions.Expect(row).ToContainTextAsync(service);
        }

        Screenshot(await HeadlessBrowser.ScreenshotAsync(page, "wholeapp-dashboard-traces"));
        await row.Locator("a").ClickAsync();
        await Assertions.Expect(page.Locator("#waterfall details.span")).ToHaveCountAsync(spans.Count);
        foreach (var service in crossed)
        {
            await Assertions.Expect(page.Locator($"#waterfall details.span[data-resource='{service}']").First).ToBeVisibleAsync();
        }

        Screenshot(await HeadlessBrowser.ScreenshotAsync(page, "wholeapp-dashboard-trace"));

        // Metrics, as the services export them every few seconds: McpResource's token validation cache as a hit
        // ratio, AuthServer's token requests by grant type, McpResource's tool calls by tool and outcome.
        var metricsUrl = new Uri(dashboard.BrowserUrl, "/metrics").ToString();
        var cacheRatio = page.Locator("[data-ratio='mcp-resource/mcpaspire.token_validation.cache'] .big");
        var grants = page.Locator("[data-metric='mcpaspire.auth.token_requests'] tr[data-series*='grant_type=authorization_code']");
        var toolCalls = page.Locator("[data-metric='mcp.tool.calls'] tr[data-series*='mcp.tool.name=create_ticket']");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            await page.GotoAsync(metricsUrl);
            if (await cacheRatio.CountAsync() > 0 && await grants.CountAsync() > 0 && await toolCalls.CountAsync() > 0)
            {
                break;
            }

            await Task.Delay(1_000, TestContext.Current.CancellationToken);
        }
        while (DateTime.UtcNow < deadline);

        await Assertions.Expect(cacheRatio).ToContainTextAsync("%");
        await Assertions.Expect(grants.First).ToBeVisibleAsync();
        await Assertions.Expect(toolCalls.First).ToBeVisibleAsync();
        Screenshot(await HeadlessBrowser.ScreenshotAsync(page, "wholeapp-dashboard-metrics"));
    }

    /// <summary>Where a client span went (<c>url.full</c> without the query), or empty.</summary>
    private static string Target(StoredSpan span) =>
        span.Attributes.FirstOrDefault(a => a.Key == "url.full").Value is { } url ? url.Split('?')[0] : "";

    /// <summary>
    /// Waits (up to 30 s; services export every second) for the trace of the message sent after <paramref name="sentAt"/>
    /// (the one whose chat-service request ran the create_ticket tool) to be complete: McpResource's tool call is in,
    /// the spans form one tree, and auth-server's spans are in when auth-server sends telemetry at all.
    /// </summary>
    private async Task<(string TraceId, IReadOnlyList<StoredSpan> Spans)> WaitForMessageTraceAsync(
        RunningDashboard dashboard, DateTimeOffset sentAt, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        IReadOnlyList<StoredSpan> spans = [];
        string? traceId = null;
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(30))
        {
            traceId ??= dashboard.Telemetry.GetRecentTraces("chat-service", 100)
                .Select(t => dashboard.Telemetry.GetTrace(t.TraceId))
                .FirstOrDefault(trace => trace.Any(s => s.Resource == "chat-service" && s.Name == "tool create_ticket" && s.StartTime >= sentAt.AddSeconds(-1)))?[0].TraceId;
            if (traceId is not null)
            {
                spans = dashboard.Telemetry.GetTrace(traceId);
                var ids = spans.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
                var complete = spans.Any(s => s.Resource == "mcp-resource" && s.Name == "tools/call create_ticket")
                    && spans.Count(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId)) == 1
                    && (!dashboard.Telemetry.Resources.Contains("auth-server") || spans.Any(s => s.Resource == "auth-server"));
                if (complete)
                {
                    // One more export interval, so late exports are in too.
                    await Task.Delay(1500, ct);
                    return (traceId, dashboard.Telemetry.GetTrace(traceId));
                }
            }

            await Task.Delay(250, ct);
        }

        var held = traceId is null
            ? "no trace of the message"
            : string.Join(", ", spans.Select(s => $"{s.Resource}: {s.Kind} {s.Name}"));
        output.WriteLine($"spans received {dashboard.Telemetry.SpansReceived}, from {string.Join(", ", dashboard.Telemetry.Resources)}");
        throw new Xunit.Sdk.XunitException($"The dashboard did not receive the whole trace of the message within 30 s; it holds {held}.");
    }

    private void Screenshot(string path) => output.WriteLine("screenshot: " + path);

    private static bool IsUnder(StoredSpan span, StoredSpan ancestor, Dictionary<string, StoredSpan> byId)
    {
        for (var parent = span.ParentSpanId; parent is not null && byId.TryGetValue(parent, out var next); parent = next.ParentSpanId)
        {
            if (next.SpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }

}
