using System.Text;

namespace McpAspire.Testing.OAuth;

/// <summary>Builds an authorization request URL (code flow, PKCE S256, optional RFC 8707 resources).</summary>
public static class AuthorizeUrl
{
    public static Uri Build(
        Uri authorizationEndpoint,
        string clientId,
        string redirectUri,
        string scope,
        string state,
        Pkce pkce,
        IEnumerable<string>? resources = null,
        IReadOnlyDictionary<string, string>? extra = null)
    {
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("response_type", "code"),
            new("client_id", clientId),
            new("redirect_uri", redirectUri),
            new("scope", scope),
            new("state", state),
            new("code_challenge", pkce.Challenge),
            new("code_challenge_method", Pkce.Method),
        };
        parameters.AddRange((resources ?? []).Select(r => new KeyValuePair<string, string>("resource", r)));
        parameters.AddRange(extra ?? new Dictionary<string, string>());
        var query = new StringBuilder();
        foreach (var (key, value) in parameters)
        {
            query.Append(query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return new Uri(authorizationEndpoint + query.ToString());
    }
}
