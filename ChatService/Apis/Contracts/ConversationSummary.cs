using ChatService.Data;

namespace ChatService.Apis.Contracts;

public sealed record ConversationSummary(Guid Id, string Title, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ConversationSummary From(Conversation c) => new(c.Id, c.Title, c.CreatedAt, c.UpdatedAt);
}
