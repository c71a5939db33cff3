using System.Collections.Concurrent;

namespace McpAspire.Dashboard.Telemetry;

/// <summary>
/// Everything received over OTLP, bounded: the last N spans and N log records per resource (service.name), and
/// metric series per resource limited in number and in time.
/// </summary>
internal sealed class TelemetryStore
{
    private readonly ConcurrentDictionary<string, RingBuffer<StoredSpan>> _spans = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RingBuffer<StoredLogRecord>> _logs = new(StringComparer.Ordinal);
    private readonly int _maxSpans;
    private readonly int _maxLogs;
    private long _spansReceived;
    private long _logsReceived;

    public TelemetryStore(DashboardOptions options, TimeProvider? timeProvider = null)
    {
        _maxSpans = options.MaxSpansPerResource;
        _maxLogs = options.MaxLogRecordsPerResource;
        Metrics = new MetricStore(options.MaxMetricSeriesPerResource, options.MetricsWindow, timeProvider ?? TimeProvider.System);
    }

    public MetricStore Metrics { get; }

    public long SpansReceived => Interlocked.Read(ref _spansReceived);

    public long LogRecordsReceived => Interlocked.Read(ref _logsReceived);

    /// <summary>Spans held now, over all resources.</summary>
    public int SpansRetained => _spans.Values.Sum(buffer => buffer.Count);

    public int LogRecordsRetained => _logs.Values.Sum(buffer => buffer.Count);

    public IReadOnlyList<string> Resources =>
        [.. _spans.Keys.Union(_logs.Keys).Union(Metrics.Resources).Order(StringComparer.Ordinal)];

    public void Add(StoredSpan span)
    {
        _spans.GetOrAdd(span.Resource, _ => new RingBuffer<StoredSpan>(_maxSpans)).Add(span);
        Interlocked.Increment(ref _spansReceived);
    }

    public void Add(StoredLogRecord record)
    {
        _logs.GetOrAdd(record.Resource, _ => new RingBuffer<StoredLogRecord>(_maxLogs)).Add(record);
        Interlocked.Increment(ref _logsReceived);
    }

    /// <summary>The spans of one trace, over all resources, by start time.</summary>
    public IReadOnlyList<StoredSpan> GetTrace(string traceId) =>
        [.. _spans.Values.SelectMany(buffer => buffer.Snapshot())
            .Where(span => string.Equals(span.TraceId, traceId, StringComparison.Ordinal))
            .OrderBy(span => span.StartUnixNano)];

    /// <summary>The log records of one trace, by time.</summary>
    public IReadOnlyList<StoredLogRecord> GetTraceLogs(string traceId) =>
        [.. _logs.Values.SelectMany(buffer => buffer.Snapshot())
            .Where(log => string.Equals(log.TraceId, traceId, StringComparison.Ordinal))
            .OrderBy(log => log.TimeUnixNano)];

    /// <summary>The newest structured log records of a resource (all resources when null), newest first.</summary>
    public IReadOnlyList<StoredLogRecord> GetLogs(string? resource, int limit) =>
        [.. _logs.Where(pair => resource is null || string.Equals(pair.Key, resource, StringComparison.Ordinal))
            .SelectMany(pair => pair.Value.Snapshot())
            .OrderByDescending(log => log.TimeUnixNano)
            .Take(limit)];

    /// <summary>The most recent traces (by start), optionally only those that touch <paramref name="resource"/>.</summary>
    public IReadOnlyList<TraceSummary> GetRecentTraces(string? resource, int limit)
    {
        var byTrace = _spans.Values.SelectMany(buffer => buffer.Snapshot()).GroupBy(span => span.TraceId, StringComparer.Ordinal);
        var summaries = new List<TraceSummary>();
        foreach (var trace in byTrace)
        {
            var spans = trace.ToArray();
            if (resource is not null && !spans.Any(span => string.Equals(span.Resource, resource, StringComparison.Ordinal)))
            {
                continue;
            }

            var ids = spans.Select(span => span.SpanId).ToHashSet(StringComparer.Ordinal);
            var root = spans.Where(span => span.ParentSpanId is null || !ids.Contains(span.ParentSpanId))
                .OrderBy(span => span.StartUnixNano)
                .First();
            var start = spans.Min(span => span.StartUnixNano);
            var end = spans.Max(span => span.EndUnixNano);
            summaries.Add(new TraceSummary(
                trace.Key,
                root.Name,
                root.Resource,
                DateTimeOffset.FromUnixTimeMilliseconds(start / 1_000_000),
                Math.Max(0, end - start) / 1_000_000d,
                spans.Length,
                [.. spans.OrderBy(span => span.StartUnixNano).Select(span => span.Resource).Distinct(StringComparer.Ordinal)],
                spans.Any(span => span.Status == SpanStatus.Error)));
        }

        return [.. summaries.OrderByDescending(summary => summary.Start).Take(limit)];
    }
}
