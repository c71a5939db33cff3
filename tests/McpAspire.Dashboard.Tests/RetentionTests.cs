using System.Diagnostics;
using System.Globalization;
using McpAspire.Dashboard.Resources;
using McpAspire.Dashboard.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace McpAspire.Dashboard.Tests;

[CollectionDefinition(nameof(MemoryMeasurements), DisableParallelization = true)]
public sealed class MemoryMeasurements;

/// <summary>Memory is measured with nothing else running in the test process.</summary>
[Collection(nameof(MemoryMeasurements))]
public sealed class RetentionTests
{
    [Fact]
    public async Task TenThousandSpansAndThirtyThousandMoreKeepTheStoreAtItsLimitAndMemoryFlat()
    {
        await using var dashboard = await TestDashboard.StartAsync(options => options.MaxSpansPerResource = 10_000);
        var sourceName = "Test.Retention." + Guid.NewGuid().ToString("N");
        using var provider = OtlpSenders.Tracer(dashboard.OtlpTraces, "mcp-resource", sourceName, ExportProcessorType.Batch);
        using var source = new ActivitySource(sourceName);
        var baseline = SettledHeap();

        SendSpans(source, provider, 10_000);
        var afterTenThousand = SettledHeap();
        Assert.Equal(10_000, dashboard.Telemetry.SpansReceived);
        Assert.Equal(10_000, dashboard.Telemetry.SpansRetained);

        SendSpans(source, provider, 30_000);
        var afterFortyThousand = SettledHeap();
        Assert.Equal(40_000, dashboard.Telemetry.SpansReceived);
        Assert.Equal(10_000, dashboard.Telemetry.SpansRetained);

        var held = (afterTenThousand - baseline) / 1024d / 1024d;
        var grown = (afterFortyThousand - afterTenThousand) / 1024d / 1024d;
        var figures = string.Create(CultureInfo.InvariantCulture,
            $"managed heap: +{held:0.0} MB after 10,000 spans ({(afterTenThousand - baseline) / 10_000d:0} B/span held); {(grown >= 0 ? "+" : "")}{grown:0.0} MB more after 30,000 further spans (10,000 retained)");
        TestContext.Current.TestOutputHelper?.WriteLine(figures);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "retention-figures.txt"), figures + Environment.NewLine, TestContext.Current.CancellationToken);

        Assert.True(held < 64, figures);
        Assert.True(grown < held * 0.5 + 4, figures);
    }

    [Fact]
    public void EachResourceKeepsOnlyItsLastSpansAndTheNewestTracesStayListed()
    {
        var store = new TelemetryStore(new DashboardOptions { MaxSpansPerResource = 100 });
        for (var i = 0; i < 1_000; i++)
        {
            store.Add(Span("auth-server", i));
            store.Add(Span("mcp-resource", i));
        }

        Assert.Equal(200, store.SpansRetained);
        Assert.Equal(2_000, store.SpansReceived);
        var newest = store.GetRecentTraces(null, 5);
        Assert.Equal(["trace-999", "trace-998", "trace-997", "trace-996", "trace-995"], newest.Select(t => t.TraceId));
        Assert.Empty(store.GetTrace("trace-0"));
        Assert.Equal(2, store.GetTrace("trace-999").Count);
    }

    [Fact]
    public void ConsoleLinesAreBoundedPerResourceAndKeepTheirSequence()
    {
        var board = new ResourceBoard(maxLogLinesPerResource: 100);
        for (var i = 1; i <= 1_000; i++)
        {
            board.WriteLog("chat-service", "line " + i.ToString(CultureInfo.InvariantCulture), isError: false);
        }

        var lines = board.GetLogLines("chat-service");
        Assert.Equal(100, lines.Count);
        Assert.Equal(901, lines[0].Sequence);
        Assert.Equal("line 1000", lines[^1].Text);
    }

    [Fact]
    public void MetricSeriesStopAtTheLimitPerResource()
    {
        var store = new TelemetryStore(new DashboardOptions { MaxMetricSeriesPerResource = 10 });
        var id = new MetricIdentity("mcp-resource", "McpAspire.McpResource", "mcp.tool.calls", "", "{call}", MetricKind.Sum, true);
        var accepted = 0;
        for (var i = 0; i < 50; i++)
        {
            accepted += store.Metrics.Record(id, [new("mcp.tool.name", "tool" + i.ToString(CultureInfo.InvariantCulture))], false, DateTimeOffset.UtcNow, 1, 0) ? 1 : 0;
        }

        Assert.Equal(10, accepted);
        Assert.Equal(10, Assert.Single(store.Metrics.GetMetrics("mcp-resource")).Series.Count);
    }

    private static void SendSpans(ActivitySource source, TracerProvider provider, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var activity = source.StartActivity("tools/call create_ticket", ActivityKind.Server);
            activity?.SetTag("gen_ai.tool.name", "create_ticket");
            activity?.SetTag("mcp.tool.outcome", "success");
            activity?.SetTag("user.id", "alice");
            if (i % 1_000 == 999)
            {
                // Stay well under the exporter's queue (2,048) so no span is dropped before it is sent.
                Assert.True(provider.ForceFlush(60_000));
            }
        }

        Assert.True(provider.ForceFlush(60_000));
    }

    private static long SettledHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static StoredSpan Span(string resource, int i) => new(
        resource, "test", "trace-" + i.ToString(CultureInfo.InvariantCulture), resource + i.ToString(CultureInfo.InvariantCulture), null, "op",
        "server", i * 1_000_000_000L, i * 1_000_000_000L + 5, SpanStatus.Ok, null, [], []);
}
