using System.ComponentModel;
using McpResource.Authorization;
using McpResource.Data;
using Microsoft.EntityFrameworkCore;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace McpResource.Tools;

/// <summary>Reading the caller's tickets (an admin may read anyone's by id).</summary>
[McpServerToolType]
public sealed class TicketTools(McpDbContext db, CallerContext callerContext)
{
    private McpCaller Caller => callerContext.Caller;

    [McpServerTool(Name = "list_tickets", Title = "List my tickets", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Lists the caller's own tickets, newest first, optionally filtered by status.")]
    [ToolScope(McpScopes.Read)]
    public async Task<IReadOnlyList<TicketView>> ListTicketsAsync(
        [Description("Only tickets with this status: open, in_progress, resolved or closed.")] string? status = null,
        [Description("Maximum number of tickets to return (1-100, default 20).")] int? limit = null,
        CancellationToken cancellationToken = default)
    {
        var statusFilter = ToolArguments.OptionalChoice(status, "status", TicketStatuses.All);
        var take = ToolArguments.PageSize(limit);
        var query = db.Tickets.AsNoTracking().Where(t => t.OwnerSub == Caller.Subject);
        if (statusFilter is not null)
        {
            query = query.Where(t => t.Status == statusFilter);
        }

        var tickets = await query.OrderByDescending(t => t.Id).Take(take).ToListAsync(cancellationToken);
        return [.. tickets.Select(TicketView.From)];
    }

    [McpServerTool(Name = "get_ticket", Title = "Get a ticket", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Gets one ticket by id. Users can read only their own tickets; admins can read any.")]
    [ToolScope(McpScopes.Read)]
    public async Task<TicketView> GetTicketAsync(
        [Description("The ticket id.")] long id,
        CancellationToken cancellationToken = default)
    {
        ToolArguments.RequireId(id);
        var ticket = await db.Tickets.AsNoTracking().VisibleTo(Caller).FirstOrDefaultAsync(t => t.Id == id, cancellationToken)
            ?? throw new McpException($"Ticket {id} was not found.");
        return TicketView.From(ticket);
    }

    [McpServerTool(Name = "search_tickets", Title = "Search tickets", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Searches the caller's tickets (all tickets for an admin) whose title or description contains the text, case-insensitively.")]
    [ToolScope(McpScopes.Read)]
    public async Task<IReadOnlyList<TicketView>> SearchTicketsAsync(
        [Description("Text to look for in the title or description.")] string query,
        [Description("Maximum number of tickets to return (1-100, default 20).")] int? limit = null,
        CancellationToken cancellationToken = default)
    {
        var text = ToolArguments.RequireText(query, "query", TicketLimits.SearchQueryMaxLength);
        var take = ToolArguments.PageSize(limit);
        var pattern = TicketQueries.ContainsPattern(text);
        var tickets = await db.Tickets.AsNoTracking().VisibleTo(Caller)
            .Where(t => EF.Functions.ILike(t.Title, pattern, "\\") || EF.Functions.ILike(t.Description, pattern, "\\"))
            .OrderByDescending(t => t.Id)
            .Take(take)
            .ToListAsync(cancellationToken);
        return [.. tickets.Select(TicketView.From)];
    }

    [McpServerTool(Name = "get_ticket_stats", Title = "Ticket statistics", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Counts the caller's tickets (all tickets for an admin) by status and by priority.")]
    [ToolScope(McpScopes.Read)]
    public async Task<TicketStats> GetTicketStatsAsync(CancellationToken cancellationToken = default)
    {
        var counts = await db.Tickets.AsNoTracking().VisibleTo(Caller)
            .GroupBy(t => new { t.Status, t.Priority })
            .Select(g => new { g.Key.Status, g.Key.Priority, Count = g.Count() })
            .ToListAsync(cancellationToken);

        return new TicketStats(
            counts.Sum(c => c.Count),
            TicketStatuses.All.ToDictionary(s => s, s => counts.Where(c => c.Status == s).Sum(c => c.Count)),
            TicketPriorities.All.ToDictionary(p => p, p => counts.Where(c => c.Priority == p).Sum(c => c.Count)),
            Caller.IsAdmin ? "all tickets" : "your tickets");
    }
}
