using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AuthServer.Tests.Infrastructure;

/// <summary>Small helpers for back-channel OAuth requests in tests.</summary>
public static class OAuthHttp
{
    public static async Task<(HttpResponseMessage Response, JsonElement Body)> PostFormAsync(
        HttpClient client, string path, IEnumerable<KeyValuePair<string, string>> form, (string Id, string Secret)? basic = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (basic is { } credentials)
        {
            var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(credentials.Id)}:{Uri.EscapeDataString(credentials.Secret)}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", encoded);
        }

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response, body);
    }

    public static Task<(HttpResponseMessage Response, JsonElement Body)> ClientCredentialsAsync(HttpClient client, string? scope = null, params string[] resources)
    {
        var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (scope is not null)
        {
            form.Add(new("scope", scope));
        }

        form.AddRange(resources.Select(r => new KeyValuePair<string, string>("resource", r)));
        return PostFormAsync(client, "/connect/token", form, ("chat-service", TestSettings.ChatServiceSecret));
    }

    public static Task<(HttpResponseMessage Response, JsonElement Body)> IntrospectAsync(HttpClient client, string token, string clientId = "mcp-resource", string? secret = null) =>
        PostFormAsync(client, "/connect/introspect", [new("token", token)], (clientId, secret ?? TestSettings.McpResourceSecret));

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path) =>
        await client.GetFromJsonAsync<JsonElement>(path, TestContext.Current.CancellationToken);

    public static string Error(this JsonElement body) => body.GetProperty("error").GetString()!;
}
