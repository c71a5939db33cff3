using System.Net;
using System.Text.Json;

namespace McpAspire.Testing.OAuth;

/// <summary>A token endpoint answer: status and JSON body.</summary>
public sealed record TokenResult(HttpStatusCode StatusCode, JsonElement Body)
{
    public string? AccessToken => Get("access_token");

    public string? RefreshToken => Get("refresh_token");

    public string? IdToken => Get("id_token");

    public string? Scope => Get("scope");

    public string? Error => Get("error");

    private string? Get(string name) =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var value) ? value.GetString() : null;
}
