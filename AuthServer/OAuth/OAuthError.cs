namespace AuthServer.OAuth;

/// <summary>An RFC 6749 error: code, description (never containing a secret), HTTP status.</summary>
public sealed record OAuthError(string Error, string? Description, int StatusCode = StatusCodes.Status400BadRequest)
{
    public static OAuthError InvalidRequest(string description) => new(OAuthErrors.InvalidRequest, description);

    public static OAuthError InvalidClient(string description) => new(OAuthErrors.InvalidClient, description, StatusCodes.Status401Unauthorized);

    public static OAuthError InvalidGrant(string description) => new(OAuthErrors.InvalidGrant, description);

    public static OAuthError InvalidScope(string description) => new(OAuthErrors.InvalidScope, description);

    public static OAuthError InvalidTarget(string description) => new(OAuthErrors.InvalidTarget, description);

    public static OAuthError UnauthorizedClient(string description) => new(OAuthErrors.UnauthorizedClient, description);
}
