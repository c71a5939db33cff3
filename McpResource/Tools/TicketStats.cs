namespace McpResource.Tools;

public sealed record TicketStats(
    int Total,
    IReadOnlyDictionary<string, int> ByStatus,
    IReadOnlyDictionary<string, int> ByPriority,
    string Scope);
