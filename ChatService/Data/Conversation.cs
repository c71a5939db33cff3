namespace ChatService.Data;

/// <summary>A user's conversation with the assistant. Only its owner (the token's <c>sub</c>) ever sees it.</summary>
public sealed class Conversation
{
    public Guid Id { get; set; }

    public string OwnerSub { get; set; } = "";

    public string Title { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<StoredMessage> Messages { get; } = [];
}
