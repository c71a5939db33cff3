using AuthServer.Data;

namespace AuthServer.Authorization;

/// <summary>A validated authorization request (RFC 6749 section 4.1.1 + PKCE + RFC 8707 + OIDC nonce/prompt).</summary>
public sealed record AuthorizationRequest(
    ClientApplication Client,
    string RedirectUri,
    bool RedirectUriGiven,
    string? State,
    string CodeChallenge,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> ResourceUris,
    string? Nonce,
    IReadOnlySet<string> Prompt);
