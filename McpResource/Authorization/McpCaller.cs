namespace McpResource.Authorization;

/// <summary>
/// Who a call acts for and what it may do, after both tokens of a dual-stream call are checked.
/// </summary>
/// <param name="Subject">The user the call acts as (<c>sub</c>), or the client id when <paramref name="IsClientAlone"/>.</param>
/// <param name="Username">The user's name when the token carries one.</param>
/// <param name="ClientId">The client that sent the request (the <c>Authorization</c> token's <c>client_id</c>).</param>
/// <param name="Scopes">Effective scopes, implications expanded (for a dual-stream call: service ∩ user).</param>
/// <param name="IsClientAlone">A client-credentials call with no user behind it.</param>
/// <param name="ViaUserToken">The user came from the user-token header (a service acting for the user).</param>
public sealed record McpCaller(
    string Subject,
    string? Username,
    string? ClientId,
    IReadOnlySet<string> Scopes,
    bool IsClientAlone,
    bool ViaUserToken)
{
    public bool IsAdmin => Scopes.Contains(McpScopes.Admin);

    /// <summary>The caller used when authentication is switched off for benchmarks: an admin user.</summary>
    public static McpCaller Anonymous { get; } = new(
        "benchmark", "benchmark", null, McpScopes.Expand(McpScopes.Admin), IsClientAlone: false, ViaUserToken: false);
}
