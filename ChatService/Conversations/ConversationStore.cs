using ChatService.Data;
using Microsoft.EntityFrameworkCore;

namespace ChatService.Conversations;

/// <summary>A user's conversations in chatdb; every query is limited to the owner, so others' conversations do not exist for them.</summary>
public sealed class ConversationStore(ChatDbContext db, TimeProvider time)
{
    public const string DefaultTitle = "New conversation";

    public async Task<Conversation> CreateAsync(string owner, string? title, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var conversation = new Conversation
        {
            Id = Guid.CreateVersion7(now),
            OwnerSub = owner,
            Title = string.IsNullOrWhiteSpace(title) ? DefaultTitle : title.Trim(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync(cancellationToken);
        return conversation;
    }

    public async Task<List<Conversation>> ListAsync(string owner, int limit, CancellationToken cancellationToken) =>
        await db.Conversations.AsNoTracking()
            .Where(c => c.OwnerSub == owner)
            .OrderByDescending(c => c.UpdatedAt)
            .Take(limit)
            .ToListAsync(cancellationToken);

    public Task<Conversation?> FindAsync(Guid id, string owner, CancellationToken cancellationToken) =>
        db.Conversations.FirstOrDefaultAsync(c => c.Id == id && c.OwnerSub == owner, cancellationToken);

    public async Task<List<StoredMessage>> MessagesAsync(Guid conversationId, CancellationToken cancellationToken) =>
        await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId)
            .OrderBy(m => m.Id)
            .ToListAsync(cancellationToken);

    /// <summary>The last <paramref name="count"/> messages, oldest first.</summary>
    public async Task<List<StoredMessage>> RecentMessagesAsync(Guid conversationId, int count, CancellationToken cancellationToken)
    {
        var recent = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId)
            .OrderByDescending(m => m.Id)
            .Take(count)
            .ToListAsync(cancellationToken);
        recent.Reverse();
        return recent;
    }

    public async Task<bool> DeleteAsync(Guid id, string owner, CancellationToken cancellationToken) =>
        await db.Conversations.Where(c => c.Id == id && c.OwnerSub == owner).ExecuteDeleteAsync(cancellationToken) > 0;

    /// <summary>Stores a message and touches the conversation (naming it after its first message) in one round trip.</summary>
    public async Task<StoredMessage> AddMessageAsync(
        Conversation conversation, string role, string content, ReplyDetails? details, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var message = new StoredMessage
        {
            ConversationId = conversation.Id,
            Role = role,
            Content = content,
            Details = details?.ToJson(),
            CreatedAt = now,
        };
        db.Messages.Add(message);
        conversation.UpdatedAt = now;
        if (role == MessageRoles.User && conversation.Title == DefaultTitle)
        {
            var firstLine = content.Split('\n', 2)[0].Trim();
            conversation.Title = firstLine.Length <= 60 ? firstLine : firstLine[..60].TrimEnd() + "…";
        }

        await db.SaveChangesAsync(cancellationToken);
        return message;
    }
}
