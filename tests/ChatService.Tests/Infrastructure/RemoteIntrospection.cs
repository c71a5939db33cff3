using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ChatService.Tests.Infrastructure;

/// <summary>RFC 7662 introspection at a real authorization server, for the test stand-in of McpResource's token checks.</summary>
public sealed class RemoteIntrospection(string issuer, string clientId, string clientSecret) : IDisposable
{
    private readonly HttpClient _http = new();

    public async Task<FakeAuthorizationServer.IssuedToken?> LookupAsync(string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, issuer + "/connect/introspect")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(clientSecret)}")));
        using var response = await _http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        if (!body.TryGetProperty("active", out var active) || !active.GetBoolean())
        {
            return null;
        }

        var audiences = body.TryGetProperty("aud", out var aud)
            ? aud.ValueKind == JsonValueKind.Array ? [.. aud.EnumerateArray().Select(a => a.GetString()!)] : new List<string> { aud.GetString()! }
            : [];
        string? Text(string name) => body.TryGetProperty(name, out var value) ? value.GetString() : null;
        return new FakeAuthorizationServer.IssuedToken(
            Text("sub") ?? Text("client_id")!, Text("client_id")!, Text("scope") ?? "", audiences, Text("username"),
            DateTimeOffset.FromUnixTimeSeconds(body.GetProperty("exp").GetInt64()));
    }

    public void Dispose() => _http.Dispose();
}
