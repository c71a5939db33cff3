namespace ChatService.Data;

/// <summary>One message of a conversation: the user's text, or the assistant's reply with what it did (never a token).</summary>
public sealed class StoredMessage
{
    public long Id { get; set; }

    public Guid ConversationId { get; set; }

    /// <summary><see cref="MessageRoles.User"/> or <see cref="MessageRoles.Assistant"/>.</summary>
    public string Role { get; set; } = "";

    public string Content { get; set; } = "";

    /// <summary>The assistant reply's details as JSON (<see cref="ReplyDetails"/>); null for user messages.</summary>
    public string? Details { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
