namespace AuthServer.Data;

/// <summary>An issued access token, by its <c>jti</c>: what introspection and revocation consult.</summary>
public sealed class AccessTokenRecord
{
    public string Jti { get; set; } = "";

    /// <summary>The grant it came from; null for client_credentials.</summary>
    public Guid? GrantId { get; set; }

    public string ClientId { get; set; } = "";

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
