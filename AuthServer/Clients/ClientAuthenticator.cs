using System.Net.Http.Headers;
using System.Text;
using AuthServer.Data;
using AuthServer.OAuth;
using AuthServer.Tokens;

namespace AuthServer.Clients;

/// <summary>
/// Client authentication at the token, introspection and revocation endpoints (RFC 6749 section 2.3):
/// client_secret_basic, client_secret_post, or none (a public client names itself with client_id).
/// </summary>
public sealed class ClientAuthenticator(ClientStore clients)
{
    public async Task<(ClientApplication? Client, OAuthError? Error)> AuthenticateAsync(HttpRequest request, OAuthForm form, CancellationToken cancellationToken)
    {
        string? clientId;
        string? secret;
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            if (!AuthenticationHeaderValue.TryParse(authorization, out var header)
                || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
                || !TryParseBasic(header.Parameter, out clientId, out secret))
            {
                return (null, OAuthError.InvalidClient("The Authorization header is not valid HTTP Basic client authentication."));
            }

            if (form[OAuthParameters.ClientSecret] is not null)
            {
                return (null, OAuthError.InvalidRequest("Use one client authentication method, not several."));
            }

            if (form[OAuthParameters.ClientId] is { } formClientId && formClientId != clientId)
            {
                return (null, OAuthError.InvalidRequest("client_id does not match the authenticated client."));
            }
        }
        else
        {
            clientId = form[OAuthParameters.ClientId];
            secret = form[OAuthParameters.ClientSecret];
        }

        if (string.IsNullOrEmpty(clientId))
        {
            return (null, OAuthError.InvalidClient("Client authentication is required."));
        }

        var client = await clients.FindAsync(clientId, cancellationToken);
        if (client is null)
        {
            return (null, OAuthError.InvalidClient("Client authentication failed."));
        }

        if (client.ClientType == ClientTypes.Public)
        {
            return string.IsNullOrEmpty(secret)
                ? (client, null)
                : (null, OAuthError.InvalidClient("Client authentication failed."));
        }

        return !string.IsNullOrEmpty(secret) && SecretHasher.Matches(secret, client.SecretHash)
            ? (client, null)
            : (null, OAuthError.InvalidClient("Client authentication failed."));
    }

    /// <summary>RFC 6749 section 2.3.1: id and secret are form-urlencoded, then joined with ':' and base64-encoded.</summary>
    private static bool TryParseBasic(string? parameter, out string? clientId, out string? secret)
    {
        clientId = secret = null;
        if (string.IsNullOrEmpty(parameter) || parameter.Length > 2048)
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        clientId = FormDecode(decoded[..colon]);
        secret = FormDecode(decoded[(colon + 1)..]);
        return true;
    }

    private static string FormDecode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
