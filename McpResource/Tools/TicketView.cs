using McpResource.Data;

namespace McpResource.Tools;

/// <summary>A ticket as tools return it.</summary>
public sealed record TicketView(
    long Id,
    string Title,
    string Description,
    string Status,
    string Priority,
    string Owner,
    string? OwnerName,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static TicketView From(Ticket t) =>
        new(t.Id, t.Title, t.Description, t.Status, t.Priority, t.OwnerSub, t.OwnerName, t.CreatedAt, t.UpdatedAt);
}
