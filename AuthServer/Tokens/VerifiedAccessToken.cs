using AuthServer.OAuth;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Tokens;

/// <summary>
/// What introspection reports about one of this server's access tokens whose signature, type, key and issuer were
/// checked. Kept (by the token's SHA-256 digest) instead of the parsed token so a repeated introspection neither
/// parses nor verifies again; lifetime and revocation are still checked on every call.
/// </summary>
public sealed record VerifiedAccessToken(
    string JwtId,
    string KeyId,
    string Issuer,
    string Subject,
    string[] Audiences,
    DateTimeOffset ExpiresAt,
    DateTimeOffset IssuedAt,
    DateTimeOffset? NotBefore,
    string? ClientId,
    string? Scope,
    string? Username)
{
    public static VerifiedAccessToken From(JsonWebToken jwt, string jwtId) => new(
        jwtId,
        jwt.Kid,
        jwt.Issuer,
        jwt.Subject,
        jwt.Audiences.ToArray(),
        new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero),
        new DateTimeOffset(jwt.IssuedAt, TimeSpan.Zero),
        jwt.ValidFrom == DateTime.MinValue ? null : new DateTimeOffset(jwt.ValidFrom, TimeSpan.Zero),
        Claim(jwt, OAuthClaims.ClientId),
        Claim(jwt, OAuthClaims.Scope),
        Claim(jwt, OAuthClaims.Username));

    /// <summary>Active now: not expired and (when it has one) past its not-before time.</summary>
    public bool IsCurrent(DateTimeOffset now) => ExpiresAt > now && (NotBefore is not { } notBefore || notBefore <= now);

    private static string? Claim(JsonWebToken jwt, string name) =>
        jwt.TryGetPayloadValue<string>(name, out var value) ? value : null;
}
