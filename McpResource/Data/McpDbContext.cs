using Microsoft.EntityFrameworkCore;

namespace McpResource.Data;

public sealed class McpDbContext(DbContextOptions<McpDbContext> options) : DbContext(options)
{
    public DbSet<Ticket> Tickets => Set<Ticket>();

    public DbSet<Integration> Integrations => Set<Integration>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Ticket>(ticket =>
        {
            ticket.ToTable("tickets");
            ticket.HasKey(t => t.Id);
            ticket.Property(t => t.Id).HasColumnName("id").UseIdentityByDefaultColumn();
            ticket.Property(t => t.Title).HasColumnName("title").HasMaxLength(TicketLimits.TitleMaxLength).IsRequired();
            ticket.Property(t => t.Description).HasColumnName("description").HasMaxLength(TicketLimits.DescriptionMaxLength).IsRequired();
            ticket.Property(t => t.Status).HasColumnName("status").HasMaxLength(32).IsRequired();
            ticket.Property(t => t.Priority).HasColumnName("priority").HasMaxLength(32).IsRequired();
            ticket.Property(t => t.OwnerSub).HasColumnName("owner_sub").HasMaxLength(200).IsRequired();
            ticket.Property(t => t.OwnerName).HasColumnName("owner_name").HasMaxLength(200);
            ticket.Property(t => t.CreatedAt).HasColumnName("created_at");
            ticket.Property(t => t.UpdatedAt).HasColumnName("updated_at");
            ticket.HasIndex(t => new { t.OwnerSub, t.Id }).HasDatabaseName("ix_tickets_owner_sub_id");
        });

        modelBuilder.Entity<Integration>(integration =>
        {
            integration.ToTable("integrations");
            integration.HasKey(i => i.Id);
            integration.Property(i => i.Id).HasColumnName("id").ValueGeneratedNever();
            integration.Property(i => i.Name).HasColumnName("name").HasMaxLength(100).IsRequired();
            integration.Property(i => i.Kind).HasColumnName("kind").HasMaxLength(50).IsRequired();
            integration.Property(i => i.Description).HasColumnName("description").HasMaxLength(500).IsRequired();
            integration.Property(i => i.IsActive).HasColumnName("is_active");
            integration.Property(i => i.LastSyncAt).HasColumnName("last_sync_at");
            integration.HasIndex(i => i.Name).IsUnique().HasDatabaseName("ix_integrations_name");
            integration.HasData(IntegrationSeed.All);
        });
    }
}
