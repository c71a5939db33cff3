using System.Text.Json;
using System.Text.RegularExpressions;
using ChatService.Data;

namespace ChatService.Agent;

/// <summary>
/// Derives a reply's details from what actually happened (the tool runs and the user's words), the same way for
/// every model: tools used, tickets referred to, whether a human should step in, and what the user might do next.
/// </summary>
public static partial class ReplyDetailsBuilder
{
    public static ReplyDetails Build(string userText, IReadOnlyList<ToolRun> runs, bool toolsAvailable)
    {
        var toolsUsed = runs.Where(r => r.Ran).Select(r => r.Tool).Distinct(StringComparer.Ordinal).ToList();
        var tickets = runs.Where(r => r.Succeeded && r.Tool.Contains("ticket", StringComparison.Ordinal))
            .SelectMany(r => TicketsIn(r.Text))
            .ToList();
        var ticketIds = tickets.Select(t => t.Id).Distinct().ToList();
        var unavailable = !toolsAvailable || runs.Any(r => r.Outcome == ToolOutcomes.Unavailable);
        var escalation = UrgentWords().IsMatch(userText)
            || runs.Any(r => r.Succeeded && r.Tool is "create_ticket" or "update_ticket"
                && tickets.Any(t => string.Equals(t.Priority, "critical", StringComparison.OrdinalIgnoreCase)));

        var actions = new List<string>();
        if (runs.Any(r => r.Outcome == ToolOutcomes.Refused))
        {
            actions.Add("Ask an administrator for the permission this request needs");
        }

        if (unavailable)
        {
            actions.Add("Try again in a moment, when the tools are back");
        }

        var created = runs.FirstOrDefault(r => r.Succeeded && r.Tool == "create_ticket");
        if (created is not null && TicketsIn(created.Text).FirstOrDefault() is { } ticket)
        {
            actions.Add($"Ask for ticket #{ticket.Id} later to follow its status");
        }
        else if (ticketIds.Count > 1)
        {
            actions.Add("Ask for one ticket by its number to see its details");
        }

        if (escalation)
        {
            actions.Add("Escalate to the on-call support engineer");
        }

        return new ReplyDetails(toolsUsed, ticketIds, escalation, actions, unavailable);
    }

    /// <summary>Tickets in a tool's JSON result: one ticket object or an array of them.</summary>
    public static IEnumerable<TicketInfo> TicketsIn(string json)
    {
        JsonElement root;
        try
        {
            root = JsonSerializer.Deserialize<JsonElement>(json);
        }
        catch (JsonException)
        {
            return [];
        }

        var items = root.ValueKind switch
        {
            JsonValueKind.Array => root.EnumerateArray().ToList(),
            JsonValueKind.Object => [root],
            _ => [],
        };
        return [.. items.Where(IsTicket).Select(i => i.Deserialize<TicketInfo>(ToolJson.Options)!)];
    }

    private static bool IsTicket(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object
        && ToolJson.TryGet(item, "id", out var id) && id.ValueKind == JsonValueKind.Number
        && ToolJson.TryGet(item, "title", out _);

    [GeneratedRegex(@"\b(urgent|emergency|critical|outage|asap|escalate|security (incident|breach)|data loss|production is down)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrgentWords();
}
