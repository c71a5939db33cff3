namespace McpResource.Data;

/// <summary>A support ticket. It belongs to the user who created it (<see cref="OwnerSub"/>).</summary>
public sealed class Ticket
{
    public long Id { get; set; }

    public required string Title { get; set; }

    public string Description { get; set; } = "";

    public string Status { get; set; } = TicketStatuses.Open;

    public string Priority { get; set; } = TicketPriorities.Medium;

    /// <summary>The <c>sub</c> of the owning user.</summary>
    public required string OwnerSub { get; set; }

    /// <summary>The owner's username when the ticket was created or reassigned (display only).</summary>
    public string? OwnerName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
