using System.ComponentModel;
using McpResource.Authorization;
using McpResource.Data;
using Microsoft.EntityFrameworkCore;
using ModelContextProtocol.Server;

namespace McpResource.Tools;

/// <summary>The service's own state (no user data: clients may call these alone).</summary>
[McpServerToolType]
public sealed class SystemTools(McpDbContext db, TimeProvider time)
{
    [McpServerTool(Name = "get_system_health", Title = "System health", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Reports whether the help desk database is reachable and how many integrations are active.")]
    [ToolScope(McpScopes.Read, AllowsClientAlone = true)]
    public async Task<SystemHealth> GetSystemHealthAsync(CancellationToken cancellationToken = default)
    {
        var databaseUp = await db.Database.CanConnectAsync(cancellationToken);
        var activeIntegrations = databaseUp
            ? await db.Integrations.AsNoTracking().CountAsync(i => i.IsActive, cancellationToken)
            : 0;
        return new SystemHealth(
            databaseUp ? "healthy" : "degraded",
            databaseUp ? "reachable" : "unreachable",
            activeIntegrations,
            typeof(SystemTools).Assembly.GetName().Version?.ToString(3) ?? "1.0.0",
            time.GetUtcNow());
    }
}
