namespace McpAspire.Dashboard.Resources;

/// <summary>One console line of a resource; <paramref name="Sequence"/> grows by one per line of that resource.</summary>
public readonly record struct DashboardLogLine(long Sequence, DateTimeOffset Timestamp, string Text, bool IsError);
