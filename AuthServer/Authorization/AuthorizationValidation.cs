using AuthServer.OAuth;

namespace AuthServer.Authorization;

/// <summary>
/// The outcome of checking an authorization request. Errors found before the client and redirect URI are known
/// are shown on a page (<see cref="PageError"/>); later ones go back to the client (<see cref="RedirectError"/>).
/// </summary>
public sealed record AuthorizationValidation(
    AuthorizationRequest? Request,
    string? PageError,
    OAuthError? RedirectError,
    string? RedirectUri,
    string? State)
{
    public static AuthorizationValidation Page(string description) => new(null, description, null, null, null);

    public static AuthorizationValidation Redirect(OAuthError error, string redirectUri, string? state) => new(null, null, error, redirectUri, state);
}
