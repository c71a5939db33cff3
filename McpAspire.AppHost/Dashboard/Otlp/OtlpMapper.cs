using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Collections;
using McpAspire.Dashboard.Otlp.Common;
using McpAspire.Dashboard.Otlp.Logs;
using McpAspire.Dashboard.Otlp.Metrics;
using McpAspire.Dashboard.Otlp.Trace;
using McpAspire.Dashboard.Telemetry;

namespace McpAspire.Dashboard.Otlp;

/// <summary>
/// Turns OTLP export requests into stored telemetry. Each item keeps at most <see cref="MaxAttributes"/> attributes
/// and <see cref="MaxValueLength"/> characters per value, so one span's size is bounded whatever a sender puts in it.
/// </summary>
internal static class OtlpMapper
{
    public const int MaxAttributes = 64;
    public const int MaxValueLength = 1024;
    public const int MaxEvents = 32;
    private const string UnknownService = "unknown_service";

    /// <summary>Stores the spans; returns how many were rejected (malformed ids).</summary>
    public static long AddTraces(ExportTraceServiceRequest request, TelemetryStore store)
    {
        long rejected = 0;
        foreach (var resourceSpans in request.ResourceSpans)
        {
            var resource = ServiceName(resourceSpans.Resource?.Attributes);
            foreach (var scopeSpans in resourceSpans.ScopeSpans)
            {
                var scope = scopeSpans.Scope?.Name ?? "";
                foreach (var span in scopeSpans.Spans)
                {
                    if (span.TraceId.Length != 16 || span.SpanId.Length != 8)
                    {
                        rejected++;
                        continue;
                    }

                    store.Add(new StoredSpan(
                        resource,
                        scope,
                        Hex(span.TraceId),
                        Hex(span.SpanId),
                        span.ParentSpanId.Length == 8 ? Hex(span.ParentSpanId) : null,
                        Limit(span.Name),
                        KindName(span.Kind),
                        (long)span.StartTimeUnixNano,
                        (long)Math.Max(span.EndTimeUnixNano, span.StartTimeUnixNano),
                        span.Status?.Code switch
                        {
                            Status.Types.StatusCode.Error => SpanStatus.Error,
                            Status.Types.StatusCode.Ok => SpanStatus.Ok,
                            _ => SpanStatus.Unset,
                        },
                        string.IsNullOrEmpty(span.Status?.Message) ? null : Limit(span.Status.Message),
                        Attributes(span.Attributes),
                        [.. span.Events.Take(MaxEvents).Select(e => new StoredSpanEvent((long)e.TimeUnixNano, Limit(e.Name), Attributes(e.Attributes)))]));
                }
            }
        }

        return rejected;
    }

    public static long AddLogs(ExportLogsServiceRequest request, TelemetryStore store)
    {
        foreach (var resourceLogs in request.ResourceLogs)
        {
            var resource = ServiceName(resourceLogs.Resource?.Attributes);
            foreach (var scopeLogs in resourceLogs.ScopeLogs)
            {
                var scope = scopeLogs.Scope?.Name ?? "";
                foreach (var log in scopeLogs.LogRecords)
                {
                    var time = log.TimeUnixNano != 0 ? log.TimeUnixNano : log.ObservedTimeUnixNano;
                    store.Add(new StoredLogRecord(
                        resource,
                        scope,
                        (long)time,
                        string.IsNullOrEmpty(log.SeverityText) ? SeverityName(log.SeverityNumber) : Limit(log.SeverityText),
                        log.Body is null ? "" : Format(log.Body),
                        log.TraceId.Length == 16 ? Hex(log.TraceId) : null,
                        log.SpanId.Length == 8 ? Hex(log.SpanId) : null,
                        Attributes(log.Attributes)));
                }
            }
        }

        return 0;
    }

    /// <summary>Stores the data points; returns how many were rejected (series limit reached).</summary>
    public static long AddMetrics(ExportMetricsServiceRequest request, TelemetryStore store)
    {
        long rejected = 0;
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            var resource = ServiceName(resourceMetrics.Resource?.Attributes);
            foreach (var scopeMetrics in resourceMetrics.ScopeMetrics)
            {
                var scope = scopeMetrics.Scope?.Name ?? "";
                foreach (var metric in scopeMetrics.Metrics)
                {
                    rejected += AddMetric(resource, scope, metric, store.Metrics);
                }
            }
        }

        return rejected;
    }

    private static long AddMetric(string resource, string scope, Metric metric, MetricStore store)
    {
        long rejected = 0;
        var name = Limit(metric.Name);
        switch (metric.DataCase)
        {
            case Metric.DataOneofCase.Sum:
                var sumId = new MetricIdentity(resource, scope, name, Limit(metric.Description), Limit(metric.Unit), MetricKind.Sum, metric.Sum.IsMonotonic);
                var delta = metric.Sum.AggregationTemporality == AggregationTemporality.Delta;
                foreach (var point in metric.Sum.DataPoints)
                {
                    rejected += store.Record(sumId, Attributes(point.Attributes), delta, Time(point.TimeUnixNano), Number(point), 0) ? 0 : 1;
                }

                break;
            case Metric.DataOneofCase.Gauge:
                var gaugeId = new MetricIdentity(resource, scope, name, Limit(metric.Description), Limit(metric.Unit), MetricKind.Gauge, false);
                foreach (var point in metric.Gauge.DataPoints)
                {
                    rejected += store.Record(gaugeId, Attributes(point.Attributes), false, Time(point.TimeUnixNano), Number(point), 0) ? 0 : 1;
                }

                break;
            case Metric.DataOneofCase.Histogram:
                var histogramId = new MetricIdentity(resource, scope, name, Limit(metric.Description), Limit(metric.Unit), MetricKind.Histogram, true);
                var histogramDelta = metric.Histogram.AggregationTemporality == AggregationTemporality.Delta;
                foreach (var point in metric.Histogram.DataPoints)
                {
                    rejected += store.Record(histogramId, Attributes(point.Attributes), histogramDelta, Time(point.TimeUnixNano), point.Count, point.HasSum ? point.Sum : 0) ? 0 : 1;
                }

                break;
            default:
                // Kinds the dashboard does not chart (exponential histograms, summaries) are accepted and skipped.
                break;
        }

        return rejected;
    }

    private static double Number(NumberDataPoint point) => point.ValueCase switch
    {
        NumberDataPoint.ValueOneofCase.AsInt => point.AsInt,
        NumberDataPoint.ValueOneofCase.AsDouble => point.AsDouble,
        _ => 0,
    };

    private static DateTimeOffset Time(ulong unixNano) =>
        unixNano == 0 ? DateTimeOffset.UtcNow : DateTimeOffset.FromUnixTimeMilliseconds((long)(unixNano / 1_000_000));

    internal static string ServiceName(RepeatedField<KeyValue>? attributes)
    {
        var name = attributes?.FirstOrDefault(a => a.Key == "service.name")?.Value?.StringValue;
        return string.IsNullOrWhiteSpace(name) ? UnknownService : Limit(name);
    }

    private static KeyValuePair<string, string>[] Attributes(RepeatedField<KeyValue> attributes) =>
        [.. attributes.Take(MaxAttributes).Select(a => new KeyValuePair<string, string>(Limit(a.Key), a.Value is null ? "" : Format(a.Value)))];

    private static string Format(AnyValue value)
    {
        var text = value.ValueCase switch
        {
            AnyValue.ValueOneofCase.StringValue => value.StringValue,
            AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
            AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
            AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString("R", CultureInfo.InvariantCulture),
            AnyValue.ValueOneofCase.BytesValue => Convert.ToBase64String(value.BytesValue.Span),
            AnyValue.ValueOneofCase.ArrayValue => "[" + string.Join(", ", value.ArrayValue.Values.Take(MaxAttributes).Select(Format)) + "]",
            AnyValue.ValueOneofCase.KvlistValue => "{" + string.Join(", ", value.KvlistValue.Values.Take(MaxAttributes).Select(kv => kv.Key + ": " + (kv.Value is null ? "" : Format(kv.Value)))) + "}",
            _ => "",
        };
        return Limit(text);
    }

    private static string Limit(string text) => text.Length <= MaxValueLength ? text : new StringBuilder(text, 0, MaxValueLength, MaxValueLength + 1).Append('…').ToString();

    private static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);

    private static string KindName(Span.Types.SpanKind kind) => kind switch
    {
        Span.Types.SpanKind.Server => "server",
        Span.Types.SpanKind.Client => "client",
        Span.Types.SpanKind.Producer => "producer",
        Span.Types.SpanKind.Consumer => "consumer",
        _ => "internal",
    };

    private static string SeverityName(int number) => number switch
    {
        >= 21 => "Critical",
        >= 17 => "Error",
        >= 13 => "Warning",
        >= 9 => "Information",
        >= 5 => "Debug",
        >= 1 => "Trace",
        _ => "",
    };
}
