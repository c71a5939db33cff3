using ChatService.Data;

namespace ChatService.Apis.Contracts;

/// <summary>A stored message; assistant messages carry what the reply did.</summary>
public sealed record MessageView(
    long Id,
    string Role,
    string Content,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string> ToolsUsed,
    IReadOnlyList<long> TicketReferences,
    bool RequiresEscalation,
    IReadOnlyList<string> SuggestedActions,
    bool ToolsUnavailable)
{
    public static MessageView From(StoredMessage m)
    {
        var details = ReplyDetails.FromJson(m.Details);
        return new(m.Id, m.Role, m.Content, m.CreatedAt, details.ToolsUsed, details.TicketReferences,
            details.RequiresEscalation, details.SuggestedActions, details.ToolsUnavailable);
    }
}
