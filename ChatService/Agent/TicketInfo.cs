namespace ChatService.Agent;

/// <summary>The parts of McpResource's ticket that replies mention.</summary>
public sealed record TicketInfo(long Id, string? Title, string? Description, string? Status, string? Priority, string? OwnerName);
