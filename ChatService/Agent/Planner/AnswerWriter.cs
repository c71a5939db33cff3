using System.Globalization;
using System.Text;

namespace ChatService.Agent.Planner;

/// <summary>Writes the built-in planner's answer from a tool run: only what the result says, in plain sentences.</summary>
public static class AnswerWriter
{
    public const string Capabilities =
        "I can help with your help desk tickets and the help desk itself. Try:\n" +
        "- \"List my tickets\" or \"Show my open tickets\"\n" +
        "- \"Create a ticket titled VPN drops every hour\" (add \"high priority\" or \"description: ...\")\n" +
        "- \"Show ticket 12\", \"Search tickets for printer\", \"Ticket stats\"\n" +
        "- \"Close ticket 12\", \"Set ticket 12 to high priority\", \"Rename ticket 12 to ...\", \"Delete ticket 12\"\n" +
        "- \"What integrations are available?\", \"Is the system healthy?\", \"Who am I?\"\n" +
        "- administrators: \"Show all tickets\", \"Reassign ticket 12 to bob\"";

    public static string Write(ToolRun run, string action) => run.Outcome switch
    {
        ToolOutcomes.Refused =>
            $"You don't have permission to {action}, so nothing was changed. ({run.Text.TrimEnd('.')}.) An administrator can grant the access this needs.",
        ToolOutcomes.Unavailable =>
            $"I can't {action} right now: the help desk tools are unavailable. Please try again in a moment.",
        ToolOutcomes.ToolError => $"I couldn't {action}: {run.Text}",
        _ => Success(run),
    };

    public static string Unavailable(string action) =>
        $"I can't {action} right now: the help desk tools are unavailable, so I haven't looked anything up or changed anything. Please try again in a moment.";

    private static string Success(ToolRun run) => run.Tool switch
    {
        "list_tickets" => TicketList(run, "You have no tickets", "Your tickets"),
        "admin_list_all_tickets" => TicketList(run, "There are no tickets", "All tickets"),
        "search_tickets" => TicketList(run, $"No ticket matches \"{run.Arguments.GetValueOrDefault("query")}\"",
            $"Tickets matching \"{run.Arguments.GetValueOrDefault("query")}\""),
        "get_ticket" => One(run, t => $"Ticket #{t.Id} \"{t.Title}\" is {Status(t.Status)}, priority {t.Priority}." +
            (string.IsNullOrWhiteSpace(t.Description) ? "" : $"\nDescription: {t.Description}")),
        "create_ticket" => One(run, t => $"I created ticket #{t.Id} \"{t.Title}\" (priority {t.Priority}, status {Status(t.Status)})."),
        "update_ticket" => One(run, t => $"Ticket #{t.Id} \"{t.Title}\" is now {Status(t.Status)}, priority {t.Priority}."),
        "admin_reassign_ticket" => One(run, t => $"Ticket #{t.Id} \"{t.Title}\" now belongs to {t.OwnerName ?? "its new owner"}."),
        "get_ticket_stats" => Stats(run),
        "list_integrations" or "get_active_integrations" => Integrations(run),
        "get_system_health" => Health(run),
        "get_user_profile" => Profile(run),
        _ => run.Text,
    };

    private static string TicketList(ToolRun run, string none, string heading)
    {
        var tickets = ReplyDetailsBuilder.TicketsIn(run.Text).ToList();
        if (tickets.Count == 0)
        {
            return none + ".";
        }

        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{heading} ({tickets.Count}):");
        foreach (var t in tickets)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n- #{t.Id} {t.Title} ({Status(t.Status)}, {t.Priority})");
        }

        return text.ToString();
    }

    private static string One(ToolRun run, Func<TicketInfo, string> describe) =>
        ReplyDetailsBuilder.TicketsIn(run.Text).FirstOrDefault() is { } ticket ? describe(ticket) : run.Text;

    private static string Stats(ToolRun run)
    {
        if (ToolJson.Read<StatsInfo>(run.Text) is not { } stats)
        {
            return run.Text;
        }

        var byStatus = (stats.ByStatus ?? new Dictionary<string, int>()).Where(s => s.Value > 0)
            .Select(s => $"{s.Value} {Status(s.Key)}");
        return stats.Total == 0
            ? $"There are no tickets ({stats.Scope})."
            : $"{stats.Total} tickets ({stats.Scope}): {string.Join(", ", byStatus)}.";
    }

    private static string Integrations(ToolRun run)
    {
        var integrations = ToolJson.Read<List<IntegrationInfo>>(run.Text);
        if (integrations is null)
        {
            return run.Text;
        }

        if (integrations.Count == 0)
        {
            return "No integrations are configured.";
        }

        var text = new StringBuilder(run.Tool == "get_active_integrations" ? "Active integrations:" : "Integrations:");
        foreach (var i in integrations)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n- {i.Name} ({i.Kind}){(i.IsActive ? "" : ", inactive")}: {i.Description}");
        }

        return text.ToString();
    }

    private static string Health(ToolRun run) =>
        ToolJson.Read<HealthInfo>(run.Text) is { } health
            ? $"The system is {health.Status}: the database is {health.Database} and {health.ActiveIntegrations} integrations are active (version {health.Version})."
            : run.Text;

    private static string Profile(ToolRun run) =>
        ToolJson.Read<ProfileInfo>(run.Text) is { } profile
            ? $"You are {profile.Username ?? profile.Subject}{(profile.IsAdmin ? ", an administrator" : "")}, " +
              $"with the scopes {string.Join(' ', profile.Scopes ?? [])} (through {profile.ClientId})."
            : run.Text;

    private static string Status(string? status) => (status ?? "unknown").Replace('_', ' ');
}
