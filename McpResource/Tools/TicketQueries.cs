using McpResource.Authorization;
using McpResource.Data;

namespace McpResource.Tools;

public static class TicketQueries
{
    /// <summary>The tickets a caller may see and change: their own, or every ticket for an admin.</summary>
    public static IQueryable<Ticket> VisibleTo(this IQueryable<Ticket> tickets, McpCaller caller) =>
        caller.IsAdmin ? tickets : tickets.Where(t => t.OwnerSub == caller.Subject);

    /// <summary>Escapes LIKE wildcards so a search matches the text literally.</summary>
    public static string ContainsPattern(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
