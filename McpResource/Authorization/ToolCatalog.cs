using System.Collections.Frozen;
using ModelContextProtocol.Server;

namespace McpResource.Authorization;

/// <summary>Every registered tool with its declared policy; a tool without a <see cref="ToolScopeAttribute"/> stops the start.</summary>
public sealed class ToolCatalog
{
    private readonly FrozenDictionary<string, ToolPolicy> _policies;

    public ToolCatalog(IEnumerable<McpServerTool> tools)
    {
        var policies = new Dictionary<string, ToolPolicy>(StringComparer.Ordinal);
        foreach (var tool in tools)
        {
            var declared = tool.Metadata.OfType<ToolScopeAttribute>().SingleOrDefault()
                ?? throw new InvalidOperationException(
                    $"Tool '{tool.ProtocolTool.Name}' declares no [{nameof(ToolScopeAttribute)}]: every tool must name its scope.");
            policies.Add(tool.ProtocolTool.Name, new ToolPolicy(tool, declared.Scope, declared.AllowsClientAlone));
        }

        _policies = policies.ToFrozenDictionary(StringComparer.Ordinal);
        All = [.. _policies.Values.OrderBy(p => p.Name, StringComparer.Ordinal)];
    }

    public IReadOnlyList<ToolPolicy> All { get; }

    public ToolPolicy? Find(string name) => _policies.GetValueOrDefault(name);

    public IEnumerable<McpServerTool> PermittedFor(McpCaller caller) =>
        All.Where(p => p.IsPermittedFor(caller)).Select(p => p.Tool);
}
