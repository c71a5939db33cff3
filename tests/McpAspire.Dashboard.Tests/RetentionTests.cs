using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using McpAspire.Dashboard.Otlp.Common;
using McpAspire.Dashboard.Otlp.Trace;
using McpAspire.Dashboard.Resources;
using McpAspire.Dashboard.Telemetry;

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
        using var client = new HttpClient();
        var baseline = SettledHeap();

        // OTLP/HTTP requests as an exporter sends them (batches of 500 spans), posted directly so every span is
        // delivered: the store's counts are then exact.
        await SendSpansAsync(client, dashboard.OtlpTraces, 0, 10_000);
        var afterTenThousand = SettledHeap();
        Assert.Equal(10_000, dashboard.Telemetry.SpansReceived);
        Assert.Equal(10_000, dashboard.Telemetry.SpansRetained);

        await SendSpansAsync(client, dashboard.OtlpTraces, 10_000, 30_000);
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

    private static async Task SendSpansAsync(HttpClient client, Uri endpoint, int first, int count)
    {
        const int batch = 500;
        for (var start = first; start < first + count; start += batch)
        {
            var spans = new ScopeSpans { Scope = new InstrumentationScope { Name = "McpAspire.McpResource" } };
            for (var i = start; i < start + batch; i++)
            {
                var trace = new byte[16];
                var span = new byte[8];
                BitConverter.TryWriteBytes(trace, (long)i + 1);
                BitConverter.TryWriteBytes(span, (long)i + 1);
                var started = 1_700_000_000_000_000_000UL + (ulong)i * 1_000_000UL;
                spans.Spans.Add(new McpAspire.Dashboard.Otlp.Trace.Span
                {
                    TraceId = ByteString.CopyFrom(trace),
                    SpanId = ByteString.CopyFrom(span),
                    Name = "tools/call create_ticket",
                    Kind = McpAspire.Dashboard.Otlp.Trace.Span.Types.SpanKind.Server,
                    StartTimeUnixNano = started,
                    EndTimeUnixNano = started + 2_500_000UL,
                    Attributes =
                    {
                        new KeyValue { Key = "gen_ai.tool.name", Value = new AnyValue { StringValue = "create_ticket" } },
                        new KeyValue { Key = "mcp.tool.outcome", Value = new AnyValue { StringValue = "success" } },
                        new KeyValue { Key = "user.id", Value = new AnyValue { StringValue = "alice" } },
                    },
                });
            }

            var request = new ExportTraceServiceRequest
            {
                ResourceSpans =
                {
                    new ResourceSpans
                    {
                        Resource = new McpAspire.Dashboard.Otlp.Resource.Resource { Attributes = { new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "mcp-resource" } } } },
                        ScopeSpans = { spans },
                    },
                },
            };
            using var content = new ByteArrayContent(request.ToByteArray());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
            using var response = await client.PostAsync(endpoint, content, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
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
