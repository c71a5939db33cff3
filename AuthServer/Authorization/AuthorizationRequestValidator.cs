using System.Text.RegularExpressions;
using AuthServer.Clients;
using AuthServer.OAuth;
using AuthServer.Tokens;
using Microsoft.Extensions.Primitives;

namespace AuthServer.Authorization;

/// <summary>
/// Checks an authorization request. Unknown client or redirect URI: an error page, never a redirect. Then, with the
/// redirect URI trusted: response_type code only, PKCE S256 required, known scopes, allowed resources.
/// </summary>
public sealed partial class AuthorizationRequestValidator(ClientStore clients, ResourceCatalog resources)
{
    private static readonly string[] SingleValued =
    [
        OAuthParameters.ClientId, OAuthParameters.RedirectUri, OAuthParameters.ResponseType, OAuthParameters.State,
        OAuthParameters.Scope, OAuthParameters.CodeChallenge, OAuthParameters.CodeChallengeMethod, OAuthParameters.Nonce,
        OAuthParameters.Prompt, OAuthParameters.ResponseMode,
    ];

    public async Task<AuthorizationValidation> ValidateAsync(IReadOnlyDictionary<string, StringValues> parameters, CancellationToken cancellationToken)
    {
        string? Get(string name) => parameters.TryGetValue(name, out var v) && !StringValues.IsNullOrEmpty(v) ? v.ToString() : null;

        var repeated = SingleValued.FirstOrDefault(name => parameters.TryGetValue(name, out var v) && v.Count > 1);
        var clientId = repeated == OAuthParameters.ClientId ? null : Get(OAuthParameters.ClientId);
        if (clientId is null)
        {
            return AuthorizationValidation.Page("The request has no (single) client_id.");
        }

        var client = await clients.FindAsync(clientId, cancellationToken);
        if (client is null || !client.GrantTypes.Contains(GrantTypes.AuthorizationCode))
        {
            return AuthorizationValidation.Page("The client is unknown or may not use the authorization code flow.");
        }

        var requestedRedirect = repeated == OAuthParameters.RedirectUri ? "" : Get(OAuthParameters.RedirectUri);
        string redirectUri;
        if (requestedRedirect is null)
        {
            if (client.RedirectUris.Count != 1)
            {
                return AuthorizationValidation.Page("The request has no redirect_uri and the client has more than one registered.");
            }

            redirectUri = client.RedirectUris[0];
        }
        else if (RedirectUris.IsRegistered(requestedRedirect, client.RedirectUris))
        {
            redirectUri = requestedRedirect;
        }
        else
        {
            return AuthorizationValidation.Page("The redirect_uri is not registered for this client.");
        }

        var state = repeated == OAuthParameters.State ? null : Get(OAuthParameters.State);
        AuthorizationValidation Fail(OAuthError error) => AuthorizationValidation.Redirect(error, redirectUri, state);

        if (repeated is not null)
        {
            return Fail(OAuthError.InvalidRequest($"The parameter '{repeated}' is repeated."));
        }

        if (parameters.ContainsKey("request") || parameters.ContainsKey("request_uri"))
        {
            return Fail(new OAuthError("request_not_supported", "Request objects are not supported."));
        }

        var responseType = Get(OAuthParameters.ResponseType);
        if (responseType is null)
        {
            return Fail(OAuthError.InvalidRequest("The response_type parameter is missing."));
        }

        if (responseType != "code")
        {
            return Fail(new OAuthError(OAuthErrors.UnsupportedResponseType, "Only response_type=code is supported."));
        }

        if (Get(OAuthParameters.ResponseMode) is { } mode && mode != "query")
        {
            return Fail(OAuthError.InvalidRequest("Only response_mode=query is supported."));
        }

        var challenge = Get(OAuthParameters.CodeChallenge);
        if (challenge is null)
        {
            return Fail(OAuthError.InvalidRequest("PKCE is required: send code_challenge with code_challenge_method=S256."));
        }

        if (Get(OAuthParameters.CodeChallengeMethod) != "S256")
        {
            return Fail(OAuthError.InvalidRequest("code_challenge_method must be S256."));
        }

        if (!ChallengeFormat().IsMatch(challenge))
        {
            return Fail(OAuthError.InvalidRequest("code_challenge must be a base64url SHA-256 digest (43 characters)."));
        }

        var asked = Scopes.Parse(Get(OAuthParameters.Scope));
        if (!ScopePolicy.AllKnown(asked))
        {
            return Fail(OAuthError.InvalidScope("The requested scope is unknown."));
        }

        var scopes = asked.Count == 0 ? client.Scopes : asked.Where(client.Scopes.Contains).ToList();
        if (scopes.Count == 0)
        {
            return Fail(OAuthError.InvalidScope("None of the requested scopes is allowed for this client."));
        }

        var (resourceUris, targetError) = ResourceIndicators.Resolve(
            parameters.TryGetValue(OAuthParameters.Resource, out var requestedResources) ? requestedResources : StringValues.Empty,
            resources, client.Resources);
        if (targetError is not null)
        {
            return Fail(targetError);
        }

        var prompt = Scopes.Parse(Get(OAuthParameters.Prompt)).ToHashSet(StringComparer.Ordinal);
        if (prompt.Contains("none") && prompt.Count > 1)
        {
            return Fail(OAuthError.InvalidRequest("prompt=none cannot be combined with other values."));
        }

        return new AuthorizationValidation(
            new AuthorizationRequest(client, redirectUri, requestedRedirect is not null, state, challenge, scopes, resourceUris, Get(OAuthParameters.Nonce), prompt),
            null, null, redirectUri, state);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{43}$")]
    private static partial Regex ChallengeFormat();
}
