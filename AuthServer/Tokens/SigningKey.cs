using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Tokens;

/// <summary>A loaded signing key and its public JWK.</summary>
public sealed record SigningKey(string KeyId, ECDsaSecurityKey Key, JsonWebKey PublicJwk, DateTimeOffset RetiresAt, DateTimeOffset ExpiresAt)
{
    public SigningCredentials Credentials { get; } = new(Key, SecurityAlgorithms.EcdsaSha256);
}
