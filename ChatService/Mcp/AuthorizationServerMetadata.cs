using System.Text.Json;

namespace ChatService.Mcp;

/// <summary>The parts of the authorization server's RFC 8414 metadata this service uses.</summary>
public sealed record AuthorizationServerMetadata(
    string Issuer,
    Uri TokenEndpoint,
    Uri? AuthorizationEndpoint,
    Uri? RevocationEndpoint,
    bool UseBasicAuthentication)
{
    public static async Task<AuthorizationServerMetadata> FetchAsync(HttpClient http, Uri issuer, CancellationToken cancellationToken)
    {
        var issuerText = issuer.ToString().TrimEnd('/');
        var document = await http.GetFromJsonAsync<JsonElement>(issuerText + "/.well-known/oauth-authorization-server", cancellationToken);
        if (document.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The authorization server metadata is not a JSON object.");
        }

        // RFC 8414 §3.3: the issuer in the document must be the one the metadata was asked for.
        if (!document.TryGetProperty("issuer", out var documentIssuer)
            || !string.Equals(documentIssuer.GetString(), issuerText, StringComparison.Ordinal))
        {
            throw new JsonException("The authorization server metadata names another issuer.");
        }

        var tokenEndpoint = Endpoint(document, "token_endpoint")
            ?? throw new JsonException("The authorization server metadata has no token_endpoint.");

        // RFC 8414 §2: when the list is omitted the default is client_secret_basic.
        var methods = document.TryGetProperty("token_endpoint_auth_methods_supported", out var supported) && supported.ValueKind == JsonValueKind.Array
            ? [.. supported.EnumerateArray().Select(m => m.GetString())]
            : new List<string?> { "client_secret_basic" };
        var basic = methods.Contains("client_secret_basic") || !methods.Contains("client_secret_post");
        return new AuthorizationServerMetadata(issuerText, tokenEndpoint, Endpoint(document, "authorization_endpoint"),
            Endpoint(document, "revocation_endpoint"), basic);
    }

    private static Uri? Endpoint(JsonElement document, string name) =>
        document.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && Uri.TryCreate(value.GetString(), UriKind.Absolute, out var uri)
            ? uri
            : null;
}
