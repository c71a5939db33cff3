namespace McpAspire.Dashboard.Telemetry;

/// <summary>Which instrument a data point belongs to, and how to read it.</summary>
internal sealed record MetricIdentity(string Resource, string Scope, string Name, string Description, string Unit, MetricKind Kind, bool IsMonotonic);
