namespace McpAspire.Dashboard.Telemetry;

/// <summary>One instrument of one resource with its series.</summary>
internal sealed record MetricView(
    string Resource,
    string Scope,
    string Name,
    string Description,
    string Unit,
    MetricKind Kind,
    bool IsMonotonic,
    IReadOnlyList<MetricSeriesView> Series)
{
    /// <summary>Instruments of the project's own meters (<c>McpAspire.*</c>).</summary>
    public bool IsProjectMetric => Scope.StartsWith("McpAspire", StringComparison.OrdinalIgnoreCase);
}
