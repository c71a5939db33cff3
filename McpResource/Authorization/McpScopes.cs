namespace McpResource.Authorization;

/// <summary>The scopes of this resource and what each implies.</summary>
public static class McpScopes
{
    public const string Read = "mcp:read";
    public const string Write = "mcp:write";
    public const string Tools = "mcp:tools";
    public const string Admin = "mcp:admin";

    /// <summary>
    /// What a client needs for basic use (RFC 9728 <c>scopes_supported</c>, and the scope of a 401 that is not a
    /// tool call). Anything more is asked for by a targeted challenge when a call needs it.
    /// </summary>
    public static readonly IReadOnlyList<string> Basic = [Read];

    /// <summary>Parses a space-separated <c>scope</c> value and adds what <see cref="Admin"/> implies.</summary>
    public static HashSet<string> Expand(string? scope)
    {
        var scopes = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(scope))
        {
            return scopes;
        }

        foreach (var value in scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            scopes.Add(value);
        }

        if (scopes.Contains(Admin))
        {
            scopes.Add(Read);
            scopes.Add(Write);
            scopes.Add(Tools);
        }

        return scopes;
    }
}
