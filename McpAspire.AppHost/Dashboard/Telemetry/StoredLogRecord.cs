namespace McpAspire.Dashboard.Telemetry;

/// <summary>A received OTLP log record: the resource's structured log, linked to its trace when it has one.</summary>
internal sealed record StoredLogRecord(
    string Resource,
    string Scope,
    long TimeUnixNano,
    string Severity,
    string Body,
    string? TraceId,
    string? SpanId,
    KeyValuePair<string, string>[] Attributes)
{
    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeMilliseconds(TimeUnixNano / 1_000_000);
}
