namespace AuthServer.Data;

/// <summary>A refresh token, stored by its SHA-256 digest only. Used once: each use rotates it.</summary>
public sealed class RefreshTokenRecord
{
    public string TokenHash { get; set; } = "";

    public Guid GrantId { get; set; }

    public string ClientId { get; set; } = "";

    public string Subject { get; set; } = "";

    public string Scopes { get; set; } = "";

    /// <summary>Canonical URIs of the resources the grant covers.</summary>
    public List<string> Resources { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
