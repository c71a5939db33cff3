using System.Net;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;

namespace McpAspire.Dashboard.Tests;

public sealed class PagesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StructuredLogsAreListedNewestFirstAndLinkToTheirTrace()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        using (var loggerFactory = LoggerFactory.Create(logging => logging.AddOpenTelemetry(otel =>
        {
            otel.SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("chat-service"));
            otel.AddOtlpExporter(exporter =>
            {
                exporter.Endpoint = dashboard.OtlpLogs;
                exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
            });
        })))
        {
            var logger = loggerFactory.CreateLogger("ChatService.Agent");
#pragma warning disable CA1848 // a plain call keeps the test readable
            logger.LogError("Tool <b>call</b> failed for {Tool}", "create_ticket");
#pragma warning restore CA1848
        }

        using var client = await dashboard.SignedInClientAsync();
        var html = await client.GetStringAsync("/structured?resource=chat-service", Ct);

        Assert.Contains("<table id=\"structured\">", html, StringComparison.Ordinal);
        Assert.Contains("Tool &lt;b&gt;call&lt;/b&gt; failed", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>call</b>", html, StringComparison.Ordinal);
        Assert.Contains("Tool=create_ticket", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownTraceOrResourceIsA404PageNotAnError()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        using var client = await dashboard.SignedInClientAsync();

        using var trace = await client.GetAsync("/traces/00000000000000000000000000000000", Ct);
        using var logs = await client.GetAsync("/logs/no-such-resource", Ct);

        Assert.Equal(HttpStatusCode.NotFound, trace.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, logs.StatusCode);
    }

    [Fact]
    public async Task TheResourceStreamSendsTheTableAgainWhenAResourceChanges()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        dashboard.PublishAppResources();
        using var client = await dashboard.SignedInClientAsync();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));

        using var response = await client.GetAsync("/api/resources/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var first = await reader.ReadLineAsync(timeout.Token);
        Assert.Contains("chat-service", first, StringComparison.Ordinal);
        await reader.ReadLineAsync(timeout.Token);

        dashboard.Board.Publish(new Resources.DashboardResource("chat-service", "Project", "Exited", "Unhealthy", [], null, 0, 3));
        var next = await reader.ReadLineAsync(timeout.Token);

        Assert.StartsWith("data: ", next, StringComparison.Ordinal);
        Assert.Contains("data-state=\\u0022Exited\\u0022", next, StringComparison.Ordinal);
    }
}
