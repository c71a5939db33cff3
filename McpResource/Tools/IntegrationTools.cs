using System.ComponentModel;
using McpResource.Authorization;
using McpResource.Data;
using Microsoft.EntityFrameworkCore;
using ModelContextProtocol.Server;

namespace McpResource.Tools;

/// <summary>Reference data about the systems the help desk is connected to (no user data: clients may call these alone).</summary>
[McpServerToolType]
public sealed class IntegrationTools(McpDbContext db)
{
    [McpServerTool(Name = "list_integrations", Title = "List integrations", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Lists every configured integration, active or not, optionally of one kind (e.g. chat, alerting).")]
    [ToolScope(McpScopes.Read, AllowsClientAlone = true)]
    public async Task<IReadOnlyList<IntegrationView>> ListIntegrationsAsync(
        [Description("Only integrations of this kind, e.g. source-control, chat, alerting, email, crm.")] string? kind = null,
        CancellationToken cancellationToken = default)
    {
        var query = db.Integrations.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(kind))
        {
            var wanted = ToolArguments.RequireText(kind, "kind", 50).ToLowerInvariant();
            query = query.Where(i => i.Kind == wanted);
        }

        var integrations = await query.OrderBy(i => i.Name).ToListAsync(cancellationToken);
        return [.. integrations.Select(IntegrationView.From)];
    }

    [McpServerTool(Name = "get_active_integrations", Title = "Active integrations", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Lists the integrations that are currently active.")]
    [ToolScope(McpScopes.Read, AllowsClientAlone = true)]
    public async Task<IReadOnlyList<IntegrationView>> GetActiveIntegrationsAsync(CancellationToken cancellationToken = default)
    {
        var integrations = await db.Integrations.AsNoTracking()
            .Where(i => i.IsActive)
            .OrderBy(i => i.Name)
            .ToListAsync(cancellationToken);
        return [.. integrations.Select(IntegrationView.From)];
    }
}
