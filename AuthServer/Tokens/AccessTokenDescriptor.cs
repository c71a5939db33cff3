namespace AuthServer.Tokens;

/// <summary>What goes into an access token.</summary>
public sealed record AccessTokenDescriptor(
    string ClientId,
    string Subject,
    string? Username,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> Audiences,
    Guid? GrantId);
