namespace McpAspire.Dashboard.Telemetry;

/// <summary>One trace in the recent-traces list.</summary>
internal sealed record TraceSummary(
    string TraceId,
    string RootName,
    string RootResource,
    DateTimeOffset Start,
    double DurationMilliseconds,
    int SpanCount,
    IReadOnlyList<string> Resources,
    bool HasError);
