using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace McpAspire.Testing.OAuth;

/// <summary>Back-channel token requests as a client sends them (client_secret_basic when a secret is given, else public).</summary>
public static class TokenRequests
{
    public static Task<TokenResult> ExchangeCodeAsync(
        HttpClient http, Uri tokenEndpoint, string clientId, string code, string redirectUri, string codeVerifier,
        IEnumerable<string>? resources = null, string? clientSecret = null, CancellationToken cancellationToken = default)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "authorization_code"),
            new("code", code),
            new("redirect_uri", redirectUri),
            new("code_verifier", codeVerifier),
        };
        form.AddRange((resources ?? []).Select(r => new KeyValuePair<string, string>("resource", r)));
        return PostAsync(http, tokenEndpoint, clientId, clientSecret, form, cancellationToken);
    }

    public static Task<TokenResult> RefreshAsync(
        HttpClient http, Uri tokenEndpoint, string clientId, string refreshToken, string? scope = null,
        string? clientSecret = null, CancellationToken cancellationToken = default)
    {
        var form = new List<KeyValuePair<string, string>> { new("grant_type", "refresh_token"), new("refresh_token", refreshToken) };
        if (scope is not null)
        {
            form.Add(new("scope", scope));
        }

        return PostAsync(http, tokenEndpoint, clientId, clientSecret, form, cancellationToken);
    }

    public static Task<TokenResult> ClientCredentialsAsync(
        HttpClient http, Uri tokenEndpoint, string clientId, string clientSecret, string? scope = null,
        IEnumerable<string>? resources = null, CancellationToken cancellationToken = default)
    {
        var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (scope is not null)
        {
            form.Add(new("scope", scope));
        }

        form.AddRange((resources ?? []).Select(r => new KeyValuePair<string, string>("resource", r)));
        return PostAsync(http, tokenEndpoint, clientId, clientSecret, form, cancellationToken);
    }

    public static async Task<TokenResult> PostAsync(
        HttpClient http, Uri endpoint, string clientId, string? clientSecret, List<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        if (clientSecret is null)
        {
            form.Add(new("client_id", clientId));
        }
        else
        {
            var credentials = $"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(clientSecret)}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        request.Content = new FormUrlEncodedContent(form);
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var body = text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return new TokenResult(response.StatusCode, body);
    }
}
