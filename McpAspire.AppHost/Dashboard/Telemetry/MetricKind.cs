namespace McpAspire.Dashboard.Telemetry;

internal enum MetricKind
{
    Gauge,
    Sum,
    Histogram,
}
