using ChatService.Data;

namespace ChatService.Apis.Contracts;

/// <summary>The assistant's answer to a message, with the tools it used and what it found.</summary>
public sealed record MessageReply(
    Guid ConversationId,
    long MessageId,
    string Content,
    IReadOnlyList<string> ToolsUsed,
    IReadOnlyList<long> TicketReferences,
    bool RequiresEscalation,
    IReadOnlyList<string> SuggestedActions,
    bool ToolsUnavailable,
    DateTimeOffset CreatedAt)
{
    public static MessageReply From(StoredMessage m)
    {
        var details = ReplyDetails.FromJson(m.Details);
        return new(m.ConversationId, m.Id, m.Content, details.ToolsUsed, details.TicketReferences,
            details.RequiresEscalation, details.SuggestedActions, details.ToolsUnavailable, m.CreatedAt);
    }
}
