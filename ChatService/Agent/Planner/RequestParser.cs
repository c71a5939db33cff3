using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatService.Agent.Planner;

/// <summary>
/// Maps an English request to one McpResource tool call, deterministically: the first rule that matches wins, and a
/// message no rule understands gets no call (the planner then explains what it understands). The rules, in order:
/// create, delete, reassign, status/priority/title changes, one ticket by number, search, statistics, everyone's
/// tickets, my tickets, integrations, system health, profile.
/// </summary>
public static partial class RequestParser
{
    public static PlannedCall? Parse(string message)
    {
        var text = message.Trim();
        return Create(text) ?? Delete(text) ?? Reassign(text) ?? Update(text) ?? GetOne(text) ?? Search(text)
            ?? Stats(text) ?? AllTickets(text) ?? MyTickets(text) ?? Integrations(text) ?? Health(text) ?? Profile(text);
    }

    private static PlannedCall? Create(string text)
    {
        var match = CreateVerb().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var rest = text[(match.Index + match.Length)..];
        var arguments = new Dictionary<string, object?>();

        var description = DescriptionClause().Match(rest);
        if (description.Success)
        {
            arguments["description"] = Unquote(description.Groups["text"].Value);
            rest = rest[..description.Index];
        }

        var priority = PriorityClause().Match(rest);
        if (priority.Success)
        {
            arguments["priority"] = priority.Groups["p1"].Success ? priority.Groups["p1"].Value.ToLowerInvariant() : priority.Groups["p2"].Value.ToLowerInvariant();
            rest = rest.Remove(priority.Index, priority.Length);
        }
        else if (Urgent().IsMatch(text))
        {
            arguments["priority"] = "high";
        }

        var title = TitleLead().Replace(rest, "");
        title = Unquote(title.Trim().TrimEnd('.', '!', ',', ';').Trim());
        if (title.Length > 0)
        {
            arguments["title"] = title.Length > 200 ? title[..200] : title;
        }

        return new PlannedCall("create_ticket", arguments, "create tickets");
    }

    private static PlannedCall? Delete(string text)
    {
        var match = DeleteRequest().Match(text);
        return match.Success
            ? new PlannedCall("delete_ticket", new Dictionary<string, object?> { ["id"] = Id(match) }, "delete tickets")
            : null;
    }

    private static PlannedCall? Reassign(string text)
    {
        var match = ReassignRequest().Match(text);
        return match.Success
            ? new PlannedCall("admin_reassign_ticket",
                new Dictionary<string, object?> { ["id"] = Id(match), ["newOwner"] = match.Groups["owner"].Value, ["newOwnerName"] = match.Groups["owner"].Value },
                "reassign tickets")
            : null;
    }

    private static PlannedCall? Update(string text)
    {
        var id = TicketNumber().Match(text);
        if (!id.Success)
        {
            return null;
        }

        var arguments = new Dictionary<string, object?> { ["id"] = Id(id) };
        var verb = StatusVerb().Match(text);
        if (verb.Success)
        {
            arguments["status"] = verb.Groups["verb"].Value.ToLowerInvariant() switch
            {
                "close" => "closed",
                "resolve" => "resolved",
                _ => "open",
            };
        }
        else if (StatusTarget().Match(text) is { Success: true } target)
        {
            arguments["status"] = target.Groups["status"].Value.ToLowerInvariant().Replace(' ', '_');
        }

        if (PriorityChange().Match(text) is { Success: true } priority)
        {
            arguments["priority"] = priority.Groups["priority"].Value.ToLowerInvariant();
        }

        if (Rename().Match(text) is { Success: true } rename)
        {
            arguments["title"] = Unquote(rename.Groups["title"].Value.Trim().TrimEnd('.'));
        }

        return arguments.Count > 1 ? new PlannedCall("update_ticket", arguments, "change tickets") : null;
    }

    private static PlannedCall? GetOne(string text)
    {
        var match = TicketNumber().Match(text);
        return match.Success
            ? new PlannedCall("get_ticket", new Dictionary<string, object?> { ["id"] = Id(match) }, "read that ticket")
            : null;
    }

    private static PlannedCall? Search(string text)
    {
        var match = SearchRequest().Match(text);
        if (!match.Success || !TicketsWord().IsMatch(text))
        {
            return null;
        }

        var query = Unquote(match.Groups["query"].Value.Trim().TrimEnd('?', '.', '!').Trim());
        return query.Length == 0 || TicketsWord().IsMatch(query) && query.Split(' ').Length == 1
            ? null
            : new PlannedCall("search_tickets", new Dictionary<string, object?> { ["query"] = query }, "search tickets");
    }

    private static PlannedCall? Stats(string text) =>
        StatsRequest().IsMatch(text) && TicketsWord().IsMatch(text)
            ? new PlannedCall("get_ticket_stats", new Dictionary<string, object?>(), "see ticket statistics")
            : null;

    private static PlannedCall? AllTickets(string text)
    {
        if (!AllTicketsRequest().IsMatch(text))
        {
            return null;
        }

        var arguments = new Dictionary<string, object?>();
        if (StatusWord().Match(text) is { Success: true } status)
        {
            arguments["status"] = status.Value.ToLowerInvariant().Replace(' ', '_');
        }

        return new PlannedCall("admin_list_all_tickets", arguments, "see every user's tickets");
    }

    private static PlannedCall? MyTickets(string text)
    {
        if (!TicketsWord().IsMatch(text))
        {
            return null;
        }

        var arguments = new Dictionary<string, object?>();
        if (StatusWord().Match(text) is { Success: true } status)
        {
            arguments["status"] = status.Value.ToLowerInvariant().Replace(' ', '_');
        }

        return new PlannedCall("list_tickets", arguments, "list your tickets");
    }

    private static PlannedCall? Integrations(string text)
    {
        if (!IntegrationsWord().IsMatch(text))
        {
            return null;
        }

        return ActiveWord().IsMatch(text)
            ? new PlannedCall("get_active_integrations", new Dictionary<string, object?>(), "see the active integrations")
            : new PlannedCall("list_integrations", new Dictionary<string, object?>(), "see the integrations");
    }

    private static PlannedCall? Health(string text) =>
        HealthRequest().IsMatch(text)
            ? new PlannedCall("get_system_health", new Dictionary<string, object?>(), "check the system's health")
            : null;

    private static PlannedCall? Profile(string text) =>
        ProfileRequest().IsMatch(text)
            ? new PlannedCall("get_user_profile", new Dictionary<string, object?>(), "see your profile")
            : null;

    private static long Id(Match match) => long.Parse(match.Groups["id"].Value, CultureInfo.InvariantCulture);

    private static string Unquote(string text) => text.Trim().Trim('"', '\'', '“', '”', '‘', '’').Trim();

    [GeneratedRegex(@"\b(create|open|raise|file|log|submit|add|make|start)\s+(?:(?:a|an|the|me|new|one|support)\s+)*ticket\b|\bnew\s+ticket\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CreateVerb();

    [GeneratedRegex(@"^\s*(?:[:\-–—,]\s*|(?:titled|called|named|with (?:the )?title|about|for|regarding|saying|that says)\s+)+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TitleLead();

    [GeneratedRegex(@"[,.;]?\s*\b(?:description|details)\s*[:=]?\s*(?<text>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex DescriptionClause();

    [GeneratedRegex(@"[,.;]?\s*(?:\bwith\s+)?(?:\b(?<p1>low|medium|high|critical)\s+priority\b|\bpriority\s*(?:[:=]|is|of)?\s*(?<p2>low|medium|high|critical)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PriorityClause();

    [GeneratedRegex(@"\b(urgent|asap|emergency)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Urgent();

    [GeneratedRegex(@"\b(delete|remove|drop)\b.*?\bticket\s*(?:#|no\.?|number)?\s*(?<id>\d{1,18})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DeleteRequest();

    [GeneratedRegex(@"\b(?:re)?assign\b.*?\bticket\s*(?:#|no\.?|number)?\s*(?<id>\d{1,18})\s+to\s+(?<owner>[\w.@\-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReassignRequest();

    [GeneratedRegex(@"(?:\bticket\s*(?:#|no\.?|number)?\s*|#)(?<id>\d{1,18})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TicketNumber();

    [GeneratedRegex(@"\b(?<verb>close|resolve|reopen|re-open)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatusVerb();

    [GeneratedRegex(@"\b(?:as|to)\s+(?<status>open|in[ _]progress|resolved|closed)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatusTarget();

    [GeneratedRegex(@"\bpriority\b.*?\b(?<priority>low|medium|high|critical)\b|\b(?<priority>low|medium|high|critical)\s+priority\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PriorityChange();

    [GeneratedRegex(@"\b(?:rename|retitle)\b.*?\bto\s+(?<title>.+)$|\btitle\s+to\s+(?<title>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Rename();

    [GeneratedRegex(@"\b(?:search|find|look\s+for|look\s+up)\b(?:\s+(?:my|all|the|any))*(?:\s+tickets?\b)?\s*(?:(?:for|about|with|matching|containing|mentioning|on|that mention)\b)?\s*(?<query>.+)$|\btickets?\s+(?:about|mentioning|matching|containing|regarding)\s+(?<query>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SearchRequest();

    [GeneratedRegex(@"\b(stats|statistics|summary|summarize|how many|count)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatsRequest();

    [GeneratedRegex(@"\b(all\s+(?:the\s+)?(?:users'?\s+)?tickets|every(?:one|body)'?s?\s+tickets|tickets\s+of\s+(?:all|every)\s+users?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AllTicketsRequest();

    [GeneratedRegex(@"\btickets?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TicketsWord();

    [GeneratedRegex(@"\b(open|in[ _]progress|resolved|closed)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatusWord();

    [GeneratedRegex(@"\bintegrations?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IntegrationsWord();

    [GeneratedRegex(@"\b(active|enabled|available|running)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ActiveWord();

    [GeneratedRegex(@"\b(health|healthy|system\s+status|status\s+of\s+the\s+system|is\s+the\s+(?:system|service|help\s*desk)\s+(?:up|down|ok|working))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HealthRequest();

    [GeneratedRegex(@"\b(who\s+am\s+i|my\s+(?:profile|account|permissions|scopes|rights)|what\s+(?:may|can)\s+i\s+(?:do|access))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProfileRequest();
}
