using AuthServer.OAuth;
using Microsoft.AspNetCore.WebUtilities;

namespace AuthServer.Authorization;

/// <summary>Builds the redirect back to the client: code or error, <c>state</c> unchanged, <c>iss</c> always (RFC 9207).</summary>
public static class AuthorizationRedirect
{
    public static string Success(string redirectUri, string code, string? state, string issuer) =>
        Build(redirectUri, [new(OAuthParameters.Code, code), new(OAuthParameters.State, state), new(OAuthParameters.Issuer, issuer)]);

    public static string Error(string redirectUri, OAuthError error, string? state, string issuer) =>
        Build(redirectUri,
        [
            new(OAuthParameters.Error, error.Error), new(OAuthParameters.ErrorDescription, error.Description),
            new(OAuthParameters.State, state), new(OAuthParameters.Issuer, issuer),
        ]);

    private static string Build(string redirectUri, KeyValuePair<string, string?>[] parameters) =>
        QueryHelpers.AddQueryString(redirectUri, parameters.Where(p => p.Value is not null));
}
