namespace ChatService.Apis.Contracts;

public sealed record ConversationDetail(
    Guid Id,
    string Title,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<MessageView> Messages);
