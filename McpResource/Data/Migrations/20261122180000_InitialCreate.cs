using McpResource.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace McpResource.Data.Migrations;

/// <summary>Tickets and integrations, with the seeded integrations.</summary>
[DbContext(typeof(McpDbContext))]
[Migration("20261122180000_InitialCreate")]
public partial class InitialCreate : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "integrations",
            columns: table => new
            {
                id = table.Column<int>(type: "integer", nullable: false),
                name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                kind = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                is_active = table.Column<bool>(type: "boolean", nullable: false),
                last_sync_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_integrations", x => x.id));

        migrationBuilder.CreateTable(
            name: "tickets",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                priority = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                owner_sub = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                owner_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_tickets", x => x.id));

        migrationBuilder.CreateIndex(
            name: "ix_integrations_name",
            table: "integrations",
            column: "name",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_tickets_owner_sub_id",
            table: "tickets",
            columns: ["owner_sub", "id"]);

        foreach (var integration in IntegrationSeed.All)
        {
            migrationBuilder.InsertData(
                table: "integrations",
                columns: ["id", "name", "kind", "description", "is_active", "last_sync_at"],
                columnTypes: ["integer", "character varying(100)", "character varying(50)", "character varying(500)", "boolean", "timestamp with time zone"],
                values: [integration.Id, integration.Name, integration.Kind, integration.Description, integration.IsActive, integration.LastSyncAt]);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "tickets");
        migrationBuilder.DropTable(name: "integrations");
    }
}
