namespace AuthServer.Data;

/// <summary>
/// One authorization (a code and everything issued from it: refresh tokens and access tokens). Revoking it
/// revokes the whole family.
/// </summary>
public sealed class AuthorizationGrant
{
    public Guid Id { get; set; }

    public string ClientId { get; set; } = "";

    public string Subject { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
