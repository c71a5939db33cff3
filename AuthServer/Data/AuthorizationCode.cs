namespace AuthServer.Data;

/// <summary>An authorization code, stored by its SHA-256 digest only.</summary>
public sealed class AuthorizationCode
{
    public string CodeHash { get; set; } = "";

    public Guid GrantId { get; set; }

    public string ClientId { get; set; } = "";

    public string Subject { get; set; } = "";

    public string RedirectUri { get; set; } = "";

    public string CodeChallenge { get; set; } = "";

    public string Scopes { get; set; } = "";

    /// <summary>Canonical URIs of the resources the code was issued for.</summary>
    public List<string> Resources { get; set; } = [];

    public string? Nonce { get; set; }

    public DateTimeOffset AuthTime { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? ConsumedAt { get; set; }
}
