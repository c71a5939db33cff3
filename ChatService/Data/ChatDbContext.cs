using Microsoft.EntityFrameworkCore;

namespace ChatService.Data;

public sealed class ChatDbContext(DbContextOptions<ChatDbContext> options) : DbContext(options)
{
    public DbSet<Conversation> Conversations => Set<Conversation>();

    public DbSet<StoredMessage> Messages => Set<StoredMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Conversation>(conversation =>
        {
            conversation.ToTable("conversations");
            conversation.HasKey(c => c.Id);
            conversation.Property(c => c.Id).HasColumnName("id").ValueGeneratedNever();
            conversation.Property(c => c.OwnerSub).HasColumnName("owner_sub").HasMaxLength(ChatLimits.OwnerMaxLength).IsRequired();
            conversation.Property(c => c.Title).HasColumnName("title").HasMaxLength(ChatLimits.TitleMaxLength).IsRequired();
            conversation.Property(c => c.CreatedAt).HasColumnName("created_at");
            conversation.Property(c => c.UpdatedAt).HasColumnName("updated_at");
            conversation.HasIndex(c => new { c.OwnerSub, c.UpdatedAt }).HasDatabaseName("ix_conversations_owner_sub_updated_at");
            conversation.HasMany(c => c.Messages).WithOne().HasForeignKey(m => m.ConversationId)
                .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_messages_conversations_conversation_id");
        });

        modelBuilder.Entity<StoredMessage>(message =>
        {
            message.ToTable("messages");
            message.HasKey(m => m.Id);
            message.Property(m => m.Id).HasColumnName("id").UseIdentityByDefaultColumn();
            message.Property(m => m.ConversationId).HasColumnName("conversation_id");
            message.Property(m => m.Role).HasColumnName("role").HasMaxLength(16).IsRequired();
            message.Property(m => m.Content).HasColumnName("content").IsRequired();
            message.Property(m => m.Details).HasColumnName("details").HasColumnType("jsonb");
            message.Property(m => m.CreatedAt).HasColumnName("created_at");
            message.HasIndex(m => new { m.ConversationId, m.Id }).HasDatabaseName("ix_messages_conversation_id_id");
        });
    }
}
