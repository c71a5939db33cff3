namespace McpAspire.Dashboard.Telemetry;

/// <summary>
/// One point of a series. <paramref name="Value"/>: a sum's running total, a gauge's value, or a histogram's count;
/// <paramref name="Sum"/>: a histogram's running sum of recorded values (0 otherwise).
/// </summary>
internal readonly record struct MetricPoint(DateTimeOffset Time, double Value, double Sum);
