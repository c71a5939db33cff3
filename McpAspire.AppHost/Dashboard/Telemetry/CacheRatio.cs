namespace McpAspire.Dashboard.Telemetry;

/// <summary>Hits over all lookups of a cache counter, since the service started and inside the metrics window.</summary>
internal sealed record CacheRatio(string Resource, string MetricName, string AttributeKey, double Hits, double Total, double HitsInWindow, double TotalInWindow)
{
    public double? Ratio => Total > 0 ? Hits / Total : null;

    public double? RatioInWindow => TotalInWindow > 0 ? HitsInWindow / TotalInWindow : null;
}
