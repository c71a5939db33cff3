using System.Collections.Concurrent;
using System.Diagnostics;
using ChatService.Telemetry;
using ChatService.Tests.Infrastructure;

namespace ChatService.Tests;

[Collection(ChatCollection.Name)]
public sealed class TelemetryTests(ChatFixture fixture)
{
    [Fact]
    public async Task EachModelCallAndEachToolCallIsASpanOfTheRequestsTrace()
    {
        var ct = TestContext.Current.CancellationToken;
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is ChatTelemetry.Name or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var alice = fixture.ClientFor(fixture.Chat, "alice", "mcp:read mcp:write");
        var conversation = await alice.CreateConversationAsync(ct);

        await alice.AskAsync(conversation, "Create a ticket titled Traced ticket", ct);

        var tool = Assert.Single(spans, s => s.OperationName == "tool create_ticket");
        Assert.Equal("success", tool.GetTagItem("mcp.tool.outcome"));
        var trace = spans.Where(s => s.TraceId == tool.TraceId).ToList();
        Assert.Equal(2, trace.Count(s => s.OperationName == "chat model"));
        // The chat request is the root; the MCP server's requests joined the same trace through the propagated context.
        var requests = trace.Where(s => s.Source.Name == "Microsoft.AspNetCore").ToList();
        Assert.Single(requests, s => s.Parent is null && s.ParentSpanId == default);
        Assert.Contains(requests, s => s.ParentSpanId != default);
    }
}
