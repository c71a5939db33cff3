using AuthServer.OAuth;

namespace AuthServer.Tokens;

/// <summary>Which scopes a token may carry: asked ∩ allowed for the client ∩ allowed for the user.</summary>
public static class ScopePolicy
{
    public static bool AllKnown(IEnumerable<string> scopes) => scopes.All(s => Scopes.All.Contains(s));

    /// <summary>A user may grant the identity scopes and the MCP scopes given to them; mcp:admin implies the other MCP scopes.</summary>
    public static HashSet<string> UserAllows(string userScopes)
    {
        var allowed = new HashSet<string>(Scopes.Identity, StringComparer.Ordinal);
        foreach (var scope in Scopes.Parse(userScopes))
        {
            allowed.Add(scope);
            if (scope == Scopes.McpAdmin)
            {
                allowed.UnionWith(Scopes.Mcp);
            }
        }

        return allowed;
    }

    public static IReadOnlyList<string> Intersect(IEnumerable<string> asked, IEnumerable<string> clientAllows, IReadOnlySet<string> userAllows)
    {
        var client = clientAllows.ToHashSet(StringComparer.Ordinal);
        return asked.Where(s => client.Contains(s) && userAllows.Contains(s)).Distinct(StringComparer.Ordinal).ToArray();
    }
}
