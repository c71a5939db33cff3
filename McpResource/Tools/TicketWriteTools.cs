using System.ComponentModel;
using McpResource.Authorization;
using McpResource.Data;
using Microsoft.EntityFrameworkCore;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace McpResource.Tools;

/// <summary>Creating and changing tickets. A ticket belongs to its creator; only they (or an admin) may change it.</summary>
[McpServerToolType]
public sealed class TicketWriteTools(McpDbContext db, CallerContext callerContext, TimeProvider time)
{
    private McpCaller Caller => callerContext.Caller;

    [McpServerTool(Name = "create_ticket", Title = "Create a ticket", Destructive = false, OpenWorld = false)]
    [Description("Creates a ticket owned by the caller and returns it.")]
    [ToolScope(McpScopes.Write)]
    public async Task<TicketView> CreateTicketAsync(
        [Description("Short summary, 1-200 characters.")] string title,
        [Description("Details, up to 4000 characters.")] string? description = null,
        [Description("low, medium (default), high or critical.")] string? priority = null,
        CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var ticket = new Ticket
        {
            Title = ToolArguments.RequireText(title, "title", TicketLimits.TitleMaxLength),
            Description = ToolArguments.OptionalText(description, "description", TicketLimits.DescriptionMaxLength) ?? "",
            Priority = ToolArguments.OptionalChoice(priority, "priority", TicketPriorities.All) ?? TicketPriorities.Medium,
            Status = TicketStatuses.Open,
            OwnerSub = Caller.Subject,
            OwnerName = Caller.Username,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Tickets.Add(ticket);
        await db.SaveChangesAsync(cancellationToken);
        return TicketView.From(ticket);
    }

    [McpServerTool(Name = "update_ticket", Title = "Update a ticket", Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Changes the title, description, status or priority of one of the caller's tickets. Omitted fields stay as they are.")]
    [ToolScope(McpScopes.Write)]
    public async Task<TicketView> UpdateTicketAsync(
        [Description("The ticket id.")] long id,
        [Description("New title, 1-200 characters.")] string? title = null,
        [Description("New description, up to 4000 characters.")] string? description = null,
        [Description("New status: open, in_progress, resolved or closed.")] string? status = null,
        [Description("New priority: low, medium, high or critical.")] string? priority = null,
        CancellationToken cancellationToken = default)
    {
        ToolArguments.RequireId(id);
        var newTitle = title is null ? null : ToolArguments.RequireText(title, "title", TicketLimits.TitleMaxLength);
        var newDescription = ToolArguments.OptionalText(description, "description", TicketLimits.DescriptionMaxLength);
        var newStatus = ToolArguments.OptionalChoice(status, "status", TicketStatuses.All);
        var newPriority = ToolArguments.OptionalChoice(priority, "priority", TicketPriorities.All);
        if (newTitle is null && newDescription is null && newStatus is null && newPriority is null)
        {
            throw new McpException("Nothing to change: give at least one of title, description, status or priority.");
        }

        var ticket = await FindAsync(id, cancellationToken);
        ticket.Title = newTitle ?? ticket.Title;
        ticket.Description = newDescription ?? ticket.Description;
        ticket.Status = newStatus ?? ticket.Status;
        ticket.Priority = newPriority ?? ticket.Priority;
        ticket.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TicketView.From(ticket);
    }

    [McpServerTool(Name = "delete_ticket", Title = "Delete a ticket", Destructive = true, Idempotent = false, OpenWorld = false)]
    [Description("Deletes one of the caller's tickets.")]
    [ToolScope(McpScopes.Write)]
    public async Task<string> DeleteTicketAsync(
        [Description("The ticket id.")] long id,
        CancellationToken cancellationToken = default)
    {
        ToolArguments.RequireId(id);
        var ticket = await FindAsync(id, cancellationToken);
        db.Tickets.Remove(ticket);
        await db.SaveChangesAsync(cancellationToken);
        return $"Ticket {id} was deleted.";
    }

    private async Task<Ticket> FindAsync(long id, CancellationToken cancellationToken) =>
        await db.Tickets.VisibleTo(Caller).FirstOrDefaultAsync(t => t.Id == id, cancellationToken)
            ?? throw new McpException($"Ticket {id} was not found.");
}
