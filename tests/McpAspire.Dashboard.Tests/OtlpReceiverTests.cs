using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using McpAspire.Dashboard.Otlp.Common;
using McpAspire.Dashboard.Otlp.Trace;
using McpAspire.Dashboard.Telemetry;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using RpcStatus = McpAspire.Dashboard.Otlp.Rpc.Status;

namespace McpAspire.Dashboard.Tests;

public sealed class OtlpReceiverTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SpansExportedByTheOpenTelemetrySdkFormOneTraceAcrossThreeServices()
    {
        await using var dashboard = await TestDashboard.StartAsync();

        var traceId = OtlpSenders.SendChatTrace(dashboard.OtlpTraces, Guid.NewGuid().ToString("N"));

        var spans = dashboard.Telemetry.GetTrace(traceId);
        Assert.Equal(4, spans.Count);
        Assert.Equal(["chat-service", "mcp-resource", "auth-server", "auth-server"], spans.Select(span => span.Resource));
        var (message, call, introspect, query) = (spans[0], spans[1], spans[2], spans[3]);
        Assert.Null(message.ParentSpanId);
        Assert.Equal(message.SpanId, call.ParentSpanId);
        Assert.Equal(call.SpanId, introspect.ParentSpanId);
        Assert.Equal("server", introspect.Kind);
        Assert.Equal(introspect.SpanId, query.ParentSpanId);
        Assert.Equal("client", query.Kind);
        Assert.Contains(new KeyValuePair<string, string>("gen_ai.tool.name", "create_ticket"), call.Attributes);
        Assert.Contains(new KeyValuePair<string, string>("http.response.status_code", "200"), introspect.Attributes);
        Assert.True(introspect.DurationMilliseconds >= 2, $"introspection took {introspect.DurationMilliseconds} ms");

        var summary = Assert.Single(dashboard.Telemetry.GetRecentTraces(null, 10));
        Assert.Equal("POST /api/conversations/{id}/messages", summary.RootName);
        Assert.Equal(["chat-service", "mcp-resource", "auth-server"], summary.Resources);
        Assert.Single(dashboard.Telemetry.GetRecentTraces("auth-server", 10));
        Assert.Empty(dashboard.Telemetry.GetRecentTraces("postgres", 10));
    }

    [Fact]
    public async Task CountersAndHistogramsExportedByTheSdkShowTotalsAndTheCacheHitRatio()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var meterName = "McpAspire.Test." + Guid.NewGuid().ToString("N");
        using var meterProvider = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("mcp-resource"))
            .AddMeter(meterName)
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = dashboard.OtlpMetrics;
                exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                reader.TemporalityPreference = MetricReaderTemporalityPreference.Delta;
            })
            .Build();
        using var meter = new Meter(meterName);
        var lookups = meter.CreateCounter<long>("mcpaspire.introspection.cache.lookups");
        var toolCalls = meter.CreateCounter<long>("mcp.tool.calls");
        var duration = meter.CreateHistogram<double>("mcp.tool.call.duration", "s");

        lookups.Add(3, new KeyValuePair<string, object?>("result", "hit"));
        lookups.Add(1, new KeyValuePair<string, object?>("result", "miss"));
        toolCalls.Add(2, new("mcp.tool.name", "create_ticket"), new("mcp.tool.outcome", "success"));
        toolCalls.Add(1, new("mcp.tool.name", "delete_ticket"), new("mcp.tool.outcome", "forbidden"));
        duration.Record(0.5);
        duration.Record(1.5);
        Assert.True(meterProvider.ForceFlush(10_000));

        // Delta temporality: a second export adds to the running totals.
        lookups.Add(4, new KeyValuePair<string, object?>("result", "hit"));
        Assert.True(meterProvider.ForceFlush(10_000));

        var ratio = Assert.Single(dashboard.Telemetry.Metrics.GetCacheRatios("mcp-resource"));
        Assert.Equal(7, ratio.Hits);
        Assert.Equal(8, ratio.Total);
        Assert.Equal(7, ratio.HitsInWindow);
        Assert.Equal(8, ratio.TotalInWindow);
        Assert.Equal("result", ratio.AttributeKey);

        var metrics = dashboard.Telemetry.Metrics.GetMetrics("mcp-resource");
        var calls = Assert.Single(metrics, m => m.Name == "mcp.tool.calls");
        Assert.True(calls.IsProjectMetric);
        Assert.Equal(MetricKind.Sum, calls.Kind);
        Assert.Equal(2, calls.Series.Single(s => s.Label == "mcp.tool.name=create_ticket, mcp.tool.outcome=success").Latest!.Value.Value);
        Assert.Equal(1, calls.Series.Single(s => s.Label == "mcp.tool.name=delete_ticket, mcp.tool.outcome=forbidden").Latest!.Value.Value);
        var histogram = Assert.Single(metrics, m => m.Name == "mcp.tool.call.duration");
        Assert.Equal(MetricKind.Histogram, histogram.Kind);
        var point = Assert.Single(histogram.Series).Latest!.Value;
        Assert.Equal(2, point.Value);
        Assert.Equal(2.0, point.Sum, 6);
    }

    [Fact]
    public async Task LogRecordsExportedByTheSdkKeepTheirTraceAndSeverity()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var sourceName = "Test.Logs." + Guid.NewGuid().ToString("N");
        using var listener = new ActivityListener { ShouldListenTo = s => s.Name == sourceName, Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource(sourceName);
        string traceId;
        using (var loggerFactory = LoggerFactory.Create(logging => logging.AddOpenTelemetry(otel =>
        {
            otel.SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("auth-server"));
            otel.AddOtlpExporter(exporter =>
            {
                exporter.Endpoint = dashboard.OtlpLogs;
                exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
            });
        })))
        {
            var logger = loggerFactory.CreateLogger("AuthServer.Tokens");
            using var activity = source.StartActivity("issue token")!;
            traceId = activity.TraceId.ToHexString();
#pragma warning disable CA1848, CA2254 // a plain call keeps the test readable
            logger.LogWarning("Refused grant {GrantType} for client {ClientId}", "password", "chat-web");
#pragma warning restore CA1848, CA2254
        }

        var record = Assert.Single(dashboard.Telemetry.GetTraceLogs(traceId));
        Assert.Equal("auth-server", record.Resource);
        Assert.Equal("Warning", record.Severity);
        Assert.Contains("Refused grant", record.Body, StringComparison.Ordinal);
        Assert.Contains(new KeyValuePair<string, string>("GrantType", "password"), record.Attributes);
    }

    [Fact]
    public async Task AHitsAndMissesCounterPairIsShownAsOneCacheRatio()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var meterName = "McpAspire.Test." + Guid.NewGuid().ToString("N");
        using var meterProvider = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("chat-service"))
            .AddMeter(meterName)
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = dashboard.OtlpMetrics;
                exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
            })
            .Build();
        using var meter = new Meter(meterName);
        // The counters of the services' token validation cache: hits by tier, misses.
        var hits = meter.CreateCounter<long>("mcpaspire.token_validation.cache.hits", "{lookup}");
        var misses = meter.CreateCounter<long>("mcpaspire.token_validation.cache.misses", "{lookup}");
        meter.CreateCounter<long>("mcpaspire.other.hits").Add(5);

        hits.Add(6, new KeyValuePair<string, object?>("tier", "l1"));
        hits.Add(2, new KeyValuePair<string, object?>("tier", "l2"));
        misses.Add(2);
        Assert.True(meterProvider.ForceFlush(10_000));

        var ratio = Assert.Single(dashboard.Telemetry.Metrics.GetCacheRatios("chat-service"));
        Assert.Equal("mcpaspire.token_validation.cache", ratio.MetricName);
        Assert.Equal(8, ratio.Hits);
        Assert.Equal(10, ratio.Total);
        Assert.Equal(0.8, ratio.Ratio);

        using var client = await dashboard.SignedInClientAsync();
        var page = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), Ct);
        Assert.Contains("data-ratio=\"chat-service/mcpaspire.token_validation.cache\"", page, StringComparison.Ordinal);
        Assert.Contains("80.0 %", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GzipBodiesAreAcceptedAndMalformedSpansAreReportedAsPartialSuccess()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var request = new ExportTraceServiceRequest
        {
            ResourceSpans =
            {
                new ResourceSpans
                {
                    Resource = new McpAspire.Dashboard.Otlp.Resource.Resource { Attributes = { new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "chat-service" } } } },
                    ScopeSpans =
                    {
                        new ScopeSpans
                        {
                            Spans =
                            {
                                new Span { TraceId = ByteString.CopyFrom(new byte[16] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }), SpanId = ByteString.CopyFrom(new byte[8] { 1, 1, 1, 1, 1, 1, 1, 1 }), Name = "good", StartTimeUnixNano = 1_000_000_000, EndTimeUnixNano = 2_000_000_000 },
                                new Span { TraceId = ByteString.CopyFrom(new byte[3]), SpanId = ByteString.CopyFrom(new byte[8]), Name = "bad ids" },
                            },
                        },
                    },
                },
            },
        };
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            request.WriteTo(gzip);
        }

        using var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        content.Headers.ContentEncoding.Add("gzip");
        using var client = new HttpClient();
        using var response = await client.PostAsync(dashboard.OtlpTraces, content, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType?.MediaType);
        var answer = ExportTraceServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(1, answer.PartialSuccess.RejectedSpans);
        var span = Assert.Single(dashboard.Telemetry.GetTrace("0102030405060708090a0b0c0d0e0f10"));
        Assert.Equal("good", span.Name);
        Assert.Equal(1000, span.DurationMilliseconds);
    }

    [Theory]
    [InlineData("application/x-protobuf", "not protobuf at all \u0001\u00ff", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "{\"resourceSpans\":[]}", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("text/plain", "hello", HttpStatusCode.UnsupportedMediaType)]
    public async Task BadRequestsGetAnOtlpStatusBodyNotAServerError(string contentType, string body, HttpStatusCode expected)
    {
        await using var dashboard = await TestDashboard.StartAsync();
        using var client = new HttpClient();
        using var content = new ByteArrayContent(System.Text.Encoding.Latin1.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);

        using var response = await client.PostAsync(dashboard.OtlpTraces, content, Ct);

        Assert.Equal(expected, response.StatusCode);
        var status = RpcStatus.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(3, status.Code);
        Assert.NotEmpty(status.Message);
        Assert.Equal(0, dashboard.Telemetry.SpansReceived);
    }

    [Fact]
    public async Task ABodyOverTheLimitIsRefusedWith413()
    {
        await using var dashboard = await TestDashboard.StartAsync(options => options.MaxOtlpRequestBytes = 1024);
        using var client = new HttpClient();
        using var content = new ByteArrayContent(new byte[4096]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");

        using var response = await client.PostAsync(dashboard.OtlpTraces, content, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(8, RpcStatus.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync(Ct)).Code);
    }

    [Fact]
    public async Task WithAnApiKeyConfiguredOnlyExportersThatSendItAreAccepted()
    {
        await using var dashboard = await TestDashboard.StartAsync(options => options.OtlpApiKey = "otlp-key-123");
        using var client = new HttpClient();
        var body = new ExportTraceServiceRequest().ToByteArray();

        using var without = new ByteArrayContent(body);
        without.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        using var refused = await client.PostAsync(dashboard.OtlpTraces, without, Ct);

        using var with = new HttpRequestMessage(HttpMethod.Post, dashboard.OtlpTraces) { Content = new ByteArrayContent(body) };
        with.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        with.Headers.Add("x-otlp-api-key", "otlp-key-123");
        using var accepted = await client.SendAsync(with, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(16, RpcStatus.Parser.ParseFrom(await refused.Content.ReadAsByteArrayAsync(Ct)).Code);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }
}
