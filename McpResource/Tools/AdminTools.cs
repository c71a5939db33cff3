using System.ComponentModel;
using McpResource.Authorization;
using McpResource.Data;
using Microsoft.EntityFrameworkCore;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace McpResource.Tools;

/// <summary>Help desk administration across all users' tickets.</summary>
[McpServerToolType]
public sealed class AdminTools(McpDbContext db, TimeProvider time)
{
    [McpServerTool(Name = "admin_list_all_tickets", Title = "List all tickets", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Lists every user's tickets, newest first, optionally filtered by status or owner.")]
    [ToolScope(McpScopes.Admin)]
    public async Task<IReadOnlyList<TicketView>> ListAllTicketsAsync(
        [Description("Only tickets with this status: open, in_progress, resolved or closed.")] string? status = null,
        [Description("Only tickets of this owner (their user id, sub).")] string? owner = null,
        [Description("Maximum number of tickets to return (1-100, default 20).")] int? limit = null,
        CancellationToken cancellationToken = default)
    {
        var statusFilter = ToolArguments.OptionalChoice(status, "status", TicketStatuses.All);
        var ownerFilter = ToolArguments.OptionalText(owner, "owner", 200);
        var take = ToolArguments.PageSize(limit);
        var query = db.Tickets.AsNoTracking();
        if (statusFilter is not null)
        {
            query = query.Where(t => t.Status == statusFilter);
        }

        if (!string.IsNullOrEmpty(ownerFilter))
        {
            query = query.Where(t => t.OwnerSub == ownerFilter);
        }

        var tickets = await query.OrderByDescending(t => t.Id).Take(take).ToListAsync(cancellationToken);
        return [.. tickets.Select(TicketView.From)];
    }

    [McpServerTool(Name = "admin_reassign_ticket", Title = "Reassign a ticket", Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Gives a ticket to another user, who then owns it.")]
    [ToolScope(McpScopes.Admin)]
    public async Task<TicketView> ReassignTicketAsync(
        [Description("The ticket id.")] long id,
        [Description("The new owner's user id (sub).")] string newOwner,
        [Description("The new owner's username, for display.")] string? newOwnerName = null,
        CancellationToken cancellationToken = default)
    {
        ToolArguments.RequireId(id);
        var owner = ToolArguments.RequireText(newOwner, "newOwner", 200);
        var ownerName = ToolArguments.OptionalText(newOwnerName, "newOwnerName", 200);
        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == id, cancellationToken)
            ?? throw new McpException($"Ticket {id} was not found.");
        ticket.OwnerSub = owner;
        ticket.OwnerName = string.IsNullOrEmpty(ownerName) ? null : ownerName;
        ticket.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TicketView.From(ticket);
    }
}
