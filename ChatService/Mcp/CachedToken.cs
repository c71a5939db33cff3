using System.Text.Json;

namespace ChatService.Mcp;

/// <summary>A client-credentials access token with when to renew it and when it ends.</summary>
public sealed record CachedToken(string Value, DateTimeOffset RenewAt, DateTimeOffset ExpiresAt)
{
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Reads an RFC 6749 §5.1 token response; a response without a Bearer access token is refused.</summary>
    public static CachedToken From(JsonElement response, DateTimeOffset obtainedAt, double renewAfterFraction)
    {
        if (response.ValueKind != JsonValueKind.Object
            || !response.TryGetProperty("access_token", out var accessToken) || accessToken.ValueKind != JsonValueKind.String
            || string.IsNullOrEmpty(accessToken.GetString()))
        {
            throw new ServiceTokenUnavailableException("The token response has no access_token.");
        }

        if (!response.TryGetProperty("token_type", out var tokenType) || tokenType.ValueKind != JsonValueKind.String
            || !string.Equals(tokenType.GetString(), "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            throw new ServiceTokenUnavailableException("The token response is not a Bearer token.");
        }

        var lifetime = response.TryGetProperty("expires_in", out var expiresIn) && expiresIn.ValueKind == JsonValueKind.Number
            && expiresIn.TryGetInt64(out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : DefaultLifetime;
        return new CachedToken(accessToken.GetString()!, obtainedAt + lifetime * renewAfterFraction, obtainedAt + lifetime);
    }
}
