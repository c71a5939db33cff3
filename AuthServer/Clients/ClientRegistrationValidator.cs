using System.Text.Json;
using AuthServer.Data;
using AuthServer.OAuth;
using AuthServer.Options;
using AuthServer.Tokens;

namespace AuthServer.Clients;

/// <summary>
/// RFC 7591 client metadata checks for clients that register themselves (MCP clients): authorization code flow
/// only (with refresh tokens), redirect URIs on https or a loopback http host without fragment, a known
/// token_endpoint_auth_method and application_type, known scopes.
/// </summary>
public static class ClientRegistrationValidator
{
    private const int MaxRedirectUris = 10;
    private static readonly string[] DynamicGrantTypes = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken];

    public static (ClientApplication? Client, OAuthError? Error) Validate(JsonElement metadata, DynamicRegistrationOptions options, DateTimeOffset now)
    {
        if (metadata.ValueKind != JsonValueKind.Object)
        {
            return Invalid("The body must be a JSON object of client metadata.");
        }

        if (!TryStrings(metadata, "redirect_uris", out var redirectUris) || redirectUris is null || redirectUris.Count == 0)
        {
            return (null, new OAuthError(OAuthErrors.InvalidRedirectUri, "redirect_uris must be a non-empty array of strings."));
        }

        if (redirectUris.Count > MaxRedirectUris)
        {
            return (null, new OAuthError(OAuthErrors.InvalidRedirectUri, $"At most {MaxRedirectUris} redirect_uris may be registered."));
        }

        foreach (var uri in redirectUris)
        {
            if (RedirectUris.Problem(uri) is { } problem)
            {
                return (null, new OAuthError(OAuthErrors.InvalidRedirectUri, $"Each redirect URI {problem}."));
            }
        }

        if (!TryString(metadata, "token_endpoint_auth_method", out var authMethod))
        {
            return Invalid("token_endpoint_auth_method must be a string.");
        }

        authMethod ??= ClientAuthMethods.ClientSecretBasic;
        if (!ClientAuthMethods.Supported.Contains(authMethod))
        {
            return Invalid("token_endpoint_auth_method must be client_secret_basic, client_secret_post or none.");
        }

        if (!TryStrings(metadata, "grant_types", out var grantTypes))
        {
            return Invalid("grant_types must be an array of strings.");
        }

        grantTypes = grantTypes is null or { Count: 0 } ? [GrantTypes.AuthorizationCode] : grantTypes.Distinct(StringComparer.Ordinal).ToList();
        if (grantTypes.Any(g => !DynamicGrantTypes.Contains(g)) || !grantTypes.Contains(GrantTypes.AuthorizationCode))
        {
            return Invalid("grant_types must be authorization_code, optionally with refresh_token.");
        }

        if (!TryStrings(metadata, "response_types", out var responseTypes))
        {
            return Invalid("response_types must be an array of strings.");
        }

        responseTypes = responseTypes is null or { Count: 0 } ? ["code"] : responseTypes.Distinct(StringComparer.Ordinal).ToList();
        if (responseTypes is not ["code"])
        {
            return Invalid("response_types must be [\"code\"], matching the authorization_code grant.");
        }

        if (!TryString(metadata, "application_type", out var applicationType))
        {
            return Invalid("application_type must be a string.");
        }

        applicationType ??= "web";
        if (applicationType is not ("web" or "native"))
        {
            return Invalid("application_type must be web or native.");
        }

        if (!TryString(metadata, "scope", out var scope))
        {
            return Invalid("scope must be a space-separated string.");
        }

        var scopes = Scopes.Parse(scope);
        if (!ScopePolicy.AllKnown(scopes))
        {
            return Invalid("scope contains an unknown scope.");
        }

        var allowed = scopes.Count == 0 ? options.Scopes : scopes.Where(options.Scopes.Contains).ToList();
        if (!TryString(metadata, "client_name", out var clientName) || clientName is { Length: > 200 })
        {
            return Invalid("client_name must be a string of at most 200 characters.");
        }

        foreach (var uriField in new[] { "client_uri", "logo_uri", "tos_uri", "policy_uri" })
        {
            if (!TryString(metadata, uriField, out var value)
                || (value is not null && (!Uri.TryCreate(value, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https") || value.Length > 2000)))
            {
                return Invalid($"{uriField} must be an absolute http(s) URL.");
            }
        }

        TryString(metadata, "client_uri", out var clientUri);
        var confidential = authMethod != ClientAuthMethods.None;
        return (new ClientApplication
        {
            ClientId = "dcr_" + SecretHasher.NewJwtId(),
            DisplayName = string.IsNullOrWhiteSpace(clientName) ? "Unnamed application" : clientName.Trim(),
            ClientType = confidential ? ClientTypes.Confidential : ClientTypes.Public,
            TokenEndpointAuthMethod = authMethod,
            ApplicationType = applicationType,
            ClientUri = clientUri,
            RedirectUris = [.. redirectUris],
            GrantTypes = grantTypes,
            ResponseTypes = responseTypes,
            Scopes = [.. allowed],
            Resources = [.. options.Resources],
            CanIntrospect = false,
            RequireConsent = true,
            IsDynamic = true,
            CreatedAt = now,
        }, null);
    }

    private static (ClientApplication?, OAuthError?) Invalid(string description) =>
        (null, new OAuthError(OAuthErrors.InvalidClientMetadata, description));

    private static bool TryString(JsonElement metadata, string name, out string? value)
    {
        value = null;
        if (!metadata.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = element.GetString();
        return true;
    }

    private static bool TryStrings(JsonElement metadata, string name, out List<string>? values)
    {
        values = null;
        if (!metadata.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Array || element.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            return false;
        }

        values = element.EnumerateArray().Select(e => e.GetString()!).ToList();
        return true;
    }
}
