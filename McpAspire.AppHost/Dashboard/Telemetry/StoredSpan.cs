namespace McpAspire.Dashboard.Telemetry;

/// <summary>A received span, reduced to what the dashboard shows (ids as lowercase hex, times in Unix nanoseconds).</summary>
internal sealed record StoredSpan(
    string Resource,
    string Scope,
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    string Kind,
    long StartUnixNano,
    long EndUnixNano,
    SpanStatus Status,
    string? StatusMessage,
    KeyValuePair<string, string>[] Attributes,
    StoredSpanEvent[] Events)
{
    public double DurationMilliseconds => Math.Max(0, EndUnixNano - StartUnixNano) / 1_000_000d;

    public DateTimeOffset StartTime => DateTimeOffset.FromUnixTimeMilliseconds(StartUnixNano / 1_000_000);
}

internal enum SpanStatus
{
    Unset,
    Ok,
    Error,
}

internal sealed record StoredSpanEvent(long TimeUnixNano, string Name, KeyValuePair<string, string>[] Attributes);
