using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using McpResource.Tests.Infrastructure;

namespace McpResource.Tests;

[Collection(McpResourceCollection.Name)]
public sealed class TelemetryTests(McpResourceFactory factory)
{
    [Fact]
    public async Task EachToolCallIsCountedByToolAndOutcomeAndTraced()
    {
        var ct = TestContext.Current.CancellationToken;
        var calls = new ConcurrentQueue<(string Tool, string Outcome)>();
        var spans = new ConcurrentQueue<Activity>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "McpAspire.McpResource" && instrument.Name == "mcp.tool.calls")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string? tool = null, outcome = null;
            foreach (var tag in tags)
            {
                tool = tag.Key == "mcp.tool.name" ? tag.Value as string : tool;
                outcome = tag.Key == "mcp.tool.outcome" ? tag.Value as string : outcome;
            }

            calls.Enqueue((tool!, outcome!));
        });
        meters.Start();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "McpAspire.McpResource",
            Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(activities);

        using var bob = factory.CreateMcpClient(TestTokens.Bob);
        await McpHttp.CallToolResultAsync(bob, "get_system_health", null, ct);
        await McpHttp.CallToolResultAsync(bob, "get_ticket", new { id = 999_999 }, ct);
        using (await bob.SendAsync(McpHttp.CallTool("delete_ticket", new { id = 1 }), ct))
        {
        }

        Assert.Contains(("get_system_health", "success"), calls);
        Assert.Contains(("get_ticket", "tool_error"), calls);
        Assert.Contains(("delete_ticket", "forbidden"), calls);
        Assert.Contains(spans, s => s.DisplayName == "tools/call get_system_health" && s.Status != ActivityStatusCode.Error);
        Assert.Contains(spans, s => s.DisplayName == "tools/call get_ticket" && s.Status == ActivityStatusCode.Error);
    }
}
