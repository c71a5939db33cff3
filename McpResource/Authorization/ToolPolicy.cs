using ModelContextProtocol.Server;

namespace McpResource.Authorization;

/// <summary>A tool with the access rules it declared through <see cref="ToolScopeAttribute"/>.</summary>
public sealed record ToolPolicy(McpServerTool Tool, string Scope, bool AllowsClientAlone)
{
    public string Name => Tool.ProtocolTool.Name;

    /// <summary>Every scope a call of this tool needs: the basic scope plus the tool's own, in a stable order.</summary>
    public IReadOnlyList<string> NeededScopes { get; } =
        [.. McpScopes.Basic.Append(Scope).Distinct(StringComparer.Ordinal)];

    public bool IsPermittedFor(McpCaller caller) =>
        (AllowsClientAlone || !caller.IsClientAlone) && NeededScopes.All(caller.Scopes.Contains);
}
