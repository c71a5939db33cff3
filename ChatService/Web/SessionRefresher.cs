using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatService.Mcp;

namespace ChatService.Web;

/// <summary>
/// Renews the chat page's access token with the session's refresh token (RFC 6749 §6, as the public client
/// chat-web). AuthServer rotates refresh tokens and treats a second use of one as theft, so requests that arrive
/// together with the same refresh token (two tabs, a reload) share one renewal and get the same new session.
/// </summary>
public sealed partial class SessionRefresher(IHttpClientFactory httpClients, AuthorizationServerDiscovery discovery, TimeProvider time, ILogger<SessionRefresher> logger)
{
    /// <summary>How long a renewal's result is handed to requests that still carry the refresh token it used.</summary>
    private static readonly TimeSpan ShareFor = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Lazy<Task<WebSession?>>> _renewals = new(StringComparer.Ordinal);

    /// <summary>
    /// The renewed session, or null when AuthServer refused the refresh token (the user must sign in again).
    /// Throws <see cref="SessionRefreshUnavailableException"/> when AuthServer cannot be asked right now.
    /// </summary>
    public async Task<WebSession?> RefreshAsync(WebSession session, string clientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session.RefreshToken);
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(session.RefreshToken)));
        var renewal = _renewals.GetOrAdd(key, _ => new Lazy<Task<WebSession?>>(() => RenewAsync(session.RefreshToken, clientId, key)));
        return await renewal.Value.WaitAsync(cancellationToken);
    }

    private async Task<WebSession?> RenewAsync(string refreshToken, string clientId, string key)
    {
        try
        {
            // Not tied to one caller's request: the others waiting on it must get the result.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var metadata = await discovery.GetAsync(timeout.Token);
            var http = httpClients.CreateClient(AuthorizationServerDiscovery.HttpClientName);
            using var response = await http.PostAsync(metadata.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["client_id"] = clientId,
            }), timeout.Token);
            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(timeout.Token), default, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                LogRefreshRefused(logger, (int)response.StatusCode,
                    body.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String ? error.GetString() : null);
                return null;
            }

            var token = CachedToken.From(body.RootElement, time.GetUtcNow(), 1.0);
            var rotated = body.RootElement.TryGetProperty("refresh_token", out var next) && next.ValueKind == JsonValueKind.String
                ? next.GetString()
                : refreshToken;
            return new WebSession(token.Value, token.ExpiresAt, rotated);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or ServiceTokenUnavailableException or OperationCanceledException)
        {
            // Nothing was decided: the next request tries again with the same refresh token.
            _renewals.TryRemove(key, out _);
            LogRefreshFailed(logger, ex.GetType().Name);
            throw new SessionRefreshUnavailableException();
        }
        finally
        {
            _ = ForgetLaterAsync(key);
        }
    }

    private async Task ForgetLaterAsync(string key)
    {
        await Task.Delay(ShareFor, time);
        _renewals.TryRemove(key, out _);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The chat page's refresh token was refused ({Status}, {Error}); the user signs in again")]
    private static partial void LogRefreshRefused(ILogger logger, int status, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The chat page's token could not be renewed ({Failure})")]
    private static partial void LogRefreshFailed(ILogger logger, string failure);
}

/// <summary>AuthServer could not be asked to renew the session; the session is kept for a later try.</summary>
public sealed class SessionRefreshUnavailableException() : Exception("The sign-in server cannot renew the session right now.");
