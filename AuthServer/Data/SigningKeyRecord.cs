namespace AuthServer.Data;

/// <summary>An ES256 signing key. The private key is kept protected by Data Protection.</summary>
public sealed class SigningKeyRecord
{
    public string KeyId { get; set; } = "";

    public string Algorithm { get; set; } = "";

    public string ProtectedPrivateKey { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>After this, the key no longer signs; it stays in the JWKS until <see cref="ExpiresAt"/>.</summary>
    public DateTimeOffset RetiresAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
