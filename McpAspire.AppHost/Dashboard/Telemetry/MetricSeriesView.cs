namespace McpAspire.Dashboard.Telemetry;

/// <summary>
/// A series' points inside the metrics window, oldest first; <paramref name="Baseline"/> is its value just before the
/// window (0 when the series began inside it).
/// </summary>
internal sealed record MetricSeriesView(KeyValuePair<string, string>[] Attributes, MetricPoint[] Points, double Baseline)
{
    public string Label => Attributes.Length == 0 ? "(all)" : string.Join(", ", Attributes.Select(pair => $"{pair.Key}={pair.Value}"));

    public MetricPoint? Latest => Points.Length == 0 ? null : Points[^1];

    /// <summary>How much the value grew over the window.</summary>
    public double ChangeInWindow => Points.Length == 0 ? 0 : Points[^1].Value - Baseline;
}
