using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace ChatService.Data.Migrations;

[DbContext(typeof(ChatDbContext))]
public partial class ChatDbContextModelSnapshot : ModelSnapshot
{
    protected override void BuildModel(ModelBuilder modelBuilder)
    {
        modelBuilder
            .HasAnnotation("ProductVersion", "10.0.14")
            .HasAnnotation("Relational:MaxIdentifierLength", 63);

        NpgsqlModelBuilderExtensions.UseIdentityByDefaultColumns(modelBuilder);

        modelBuilder.Entity("ChatService.Data.Conversation", b =>
        {
            b.Property<Guid>("Id")
                .HasColumnType("uuid")
                .HasColumnName("id");

            b.Property<DateTimeOffset>("CreatedAt")
                .HasColumnType("timestamp with time zone")
                .HasColumnName("created_at");

            b.Property<string>("OwnerSub")
                .IsRequired()
                .HasMaxLength(200)
                .HasColumnType("character varying(200)")
                .HasColumnName("owner_sub");

            b.Property<string>("Title")
                .IsRequired()
                .HasMaxLength(200)
                .HasColumnType("character varying(200)")
                .HasColumnName("title");

            b.Property<DateTimeOffset>("UpdatedAt")
                .HasColumnType("timestamp with time zone")
                .HasColumnName("updated_at");

            b.HasKey("Id");

            b.HasIndex("OwnerSub", "UpdatedAt")
                .HasDatabaseName("ix_conversations_owner_sub_updated_at");

            b.ToTable("conversations");
        });

        modelBuilder.Entity("ChatService.Data.StoredMessage", b =>
        {
            b.Property<long>("Id")
                .ValueGeneratedOnAdd()
                .HasColumnType("bigint")
                .HasColumnName("id");

            NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<long>("Id"));

            b.Property<string>("Content")
                .IsRequired()
                .HasColumnType("text")
                .HasColumnName("content");

            b.Property<Guid>("ConversationId")
                .HasColumnType("uuid")
                .HasColumnName("conversation_id");

            b.Property<DateTimeOffset>("CreatedAt")
                .HasColumnType("timestamp with time zone")
                .HasColumnName("created_at");

            b.Property<string>("Details")
                .HasColumnType("jsonb")
                .HasColumnName("details");

            b.Property<string>("Role")
                .IsRequired()
                .HasMaxLength(16)
                .HasColumnType("character varying(16)")
                .HasColumnName("role");

            b.HasKey("Id");

            b.HasIndex("ConversationId", "Id")
                .HasDatabaseName("ix_messages_conversation_id_id");

            b.ToTable("messages");
        });

        modelBuilder.Entity("ChatService.Data.StoredMessage", b =>
        {
            b.HasOne("ChatService.Data.Conversation", null)
                .WithMany("Messages")
                .HasForeignKey("ConversationId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired()
                .HasConstraintName("fk_messages_conversations_conversation_id");
        });

        modelBuilder.Entity("ChatService.Data.Conversation", b => b.Navigation("Messages"));
    }
}
