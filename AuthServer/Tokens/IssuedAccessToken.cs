namespace AuthServer.Tokens;

/// <summary>A signed access token and the facts stored about it.</summary>
public sealed record IssuedAccessToken(string Token, string Jti, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
