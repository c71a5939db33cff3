using McpResource.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace McpResource.Data.Migrations;

[DbContext(typeof(McpDbContext))]
public partial class McpDbContextModelSnapshot : ModelSnapshot
{
    protected override void BuildModel(ModelBuilder modelBuilder)
    {
        modelBuilder
            .HasAnnotation("ProductVersion", "10.0.14")
            .HasAnnotation("Relational:MaxIdentifierLength", 63);

        NpgsqlModelBuilderExtensions.UseIdentityByDefaultColumns(modelBuilder);

        modelBuilder.Entity("McpResource.Data.Integration", b =>
        {
            b.Property<int>("Id")
                .HasColumnType("integer")
                .HasColumnName("id");

            b.Property<string>("Description")
                .IsRequired()
                .HasMaxLength(500)
                .HasColumnType("character varying(500)")
                .HasColumnName("description");

            b.Property<bool>("IsActive")
                .HasColumnType("boolean")
                .HasColumnName("is_active");

            b.Property<string>("Kind")
                .IsRequired()
                .HasMaxLength(50)
                .HasColumnType("character varying(50)")
                .HasColumnName("kind");

            b.Property<DateTimeOffset?>("LastSyncAt")
                .HasColumnType("timestamp with time zone")
                .HasColumnName("last_sync_at");

            b.Property<string>("Name")
                .IsRequired()
                .HasMaxLength(100)
                .HasColumnType("character varying(100)")
                .HasColumnName("name");

            b.HasKey("Id");

            b.HasIndex("Name")
                .IsUnique()
                .HasDatabaseName("ix_integrations_name");

            b.ToTable("integrations");

            b.HasData(IntegrationSeed.All.Select(i => new
            {
                i.Id,
                i.Description,
                i.IsActive,
                i.Kind,
                i.LastSyncAt,
                i.Name,
            }).ToArray());
        });

        modelBuilder.Entity("McpResource.Data.Ticket", b =>
        {
            b.Property<long>("Id")
                .ValueGeneratedOnAdd()
                .HasColumnType("bigint")
                .HasColumnName("id");

            NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<long>("Id"));

            b.Property<DateTimeOffset>("CreatedAt")
                .HasColumnType("timestamp with time zone")
                .HasColumnName("created_at");

            b.Property<string>("Description")
                .IsRequired()
                .HasMaxLength(4000)
                .HasColumnType("character varying(4000)")
                .HasColumnName("description");

            b.Property<string>("OwnerName")
                .HasMaxLength(200)
                .HasColumnType("character varying(200)")
                .HasColumnName("owner_name");

            b.Property<string>("OwnerSub")
                .IsRequired()
                .HasMaxLength(200)
                .HasColumnType("character varying(200)")
                .HasColumnName("owner_sub");

            b.Property<string>("Priority")
                .IsRequired()
                .HasMaxLength(32)
                .HasColumnType("character varying(32)")
                .HasColumnName("priority");

            b.Property<string>("Status")
                .IsRequired()
                .HasMaxLength(32)
                .HasColumnType("character varying(32)")
                .HasColumnName("status");

            b.Property<string>("Title")
                .IsRequired()
                .HasMaxLength(200)
                .HasColumnType("character varying(200)")
                .HasColumnName("title");

            b.Property<DateTimeOffset>("UpdatedAt")
                .HasColumnType("timestamp with time zone")
                .HasColumnName("updated_at");

            b.HasKey("Id");

            b.HasIndex("OwnerSub", "Id")
                .HasDatabaseName("ix_tickets_owner_sub_id");

            b.ToTable("tickets");
        });
    }
}
