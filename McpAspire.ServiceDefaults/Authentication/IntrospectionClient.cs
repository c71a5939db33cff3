using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpAspire.ServiceDefaults.Authentication;

/// <summary>The members of an RFC 7662 introspection response that validation uses.</summary>
internal sealed record IntrospectionResponse(
    bool Active, string? Issuer, IReadOnlyList<string> Audiences, long? ExpiresAt, long? IssuedAt, long? NotBefore,
    string? Subject, string? ClientId, string? Scope, string? TokenId, string? Username, string? TokenUsage)
{
    public static readonly IntrospectionResponse Inactive = new(false, null, [], null, null, null, null, null, null, null, null, null);
}

/// <summary>
/// Talks to the authorization server: reads its RFC 8414 metadata (<c>{Issuer}/.well-known/oauth-authorization-server</c>)
/// for the introspection endpoint, then introspects (RFC 7662) authenticating with client_secret_basic. Every
/// failure to get an answer is an <see cref="IntrospectionUnavailableException"/>.
/// </summary>
internal sealed class IntrospectionClient : IDisposable
{
    public const string HttpClientName = "McpAspire.Introspection";
    private const int MaxResponseBytes = 64 * 1024;

    private readonly IHttpClientFactory _httpClients;
    private readonly TokenValidationOptions _options;
    private readonly TimeProvider _time;
    private readonly IntrospectionLog _log;
    private readonly AuthenticationHeaderValue _clientAuthentication;
    private readonly SemaphoreSlim _metadataLock = new(1, 1);
    private static readonly TimeSpan MetadataFailureMemory = TimeSpan.FromSeconds(1);
    private volatile MetadataEntry? _metadata;
    private volatile MetadataFailure? _metadataFailure;

    public IntrospectionClient(IHttpClientFactory httpClients, IOptions<TokenValidationOptions> options, TimeProvider time, ILogger<IntrospectionClient> logger)
    {
        _httpClients = httpClients;
        _options = options.Value;
        _time = time;
        _log = new IntrospectionLog(logger);

        // RFC 6749 section 2.3.1: id and secret are form-encoded before they are joined and base64-encoded.
        var credentials = $"{Uri.EscapeDataString(_options.ClientId)}:{Uri.EscapeDataString(_options.ClientSecret)}";
        _clientAuthentication = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
    }

    private sealed record MetadataEntry(Uri IntrospectionEndpoint, DateTimeOffset FetchedAt);

    private sealed record MetadataFailure(IntrospectionUnavailableException Exception, DateTimeOffset At);

    public async Task<IntrospectionResponse> IntrospectAsync(string token, CancellationToken cancellationToken)
    {
        var endpoint = await GetIntrospectionEndpointAsync(cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent([new("token", token), new("token_type_hint", "access_token")]),
        };
        request.Headers.Authorization = _clientAuthentication;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var document = await SendForJsonAsync(request, "introspection", cancellationToken);
        return Parse(document.RootElement);
    }

    public void Dispose() => _metadataLock.Dispose();

    /// <summary>Forgets the metadata so the next call reads it again (e.g. after the endpoint failed).</summary>
    public void InvalidateMetadata() => _metadata = null;

    private async ValueTask<Uri> GetIntrospectionEndpointAsync(CancellationToken cancellationToken)
    {
        var cached = _metadata;
        if (cached is not null && _time.GetUtcNow() - cached.FetchedAt < _options.MetadataRefreshInterval)
        {
            return cached.IntrospectionEndpoint;
        }

        // While the server is down, requests for other tokens fail at once instead of queueing for the metadata.
        if (_metadataFailure is { } failure && _time.GetUtcNow() - failure.At < MetadataFailureMemory)
        {
            throw Again(failure.Exception);
        }

        await _metadataLock.WaitAsync(cancellationToken);
        try
        {
            cached = _metadata;
            if (cached is not null && _time.GetUtcNow() - cached.FetchedAt < _options.MetadataRefreshInterval)
            {
                return cached.IntrospectionEndpoint;
            }

            if (_metadataFailure is { } recent && _time.GetUtcNow() - recent.At < MetadataFailureMemory)
            {
                throw Again(recent.Exception);
            }

            try
            {
                var endpoint = await FetchIntrospectionEndpointAsync(cancellationToken);
                _metadata = new MetadataEntry(endpoint, _time.GetUtcNow());
                _metadataFailure = null;
                return endpoint;
            }
            catch (IntrospectionUnavailableException exception)
            {
                if (cached is not null)
                {
                    // Refresh failed: keep using the endpoint we know; the introspection call will tell.
                    return cached.IntrospectionEndpoint;
                }

                _metadataFailure = new MetadataFailure(exception, _time.GetUtcNow());
                throw;
            }
        }
        finally
        {
            _metadataLock.Release();
        }
    }

    private static IntrospectionUnavailableException Again(IntrospectionUnavailableException exception) =>
        new(exception.Message, exception.InnerException ?? new HttpRequestException(exception.Message));

    private async Task<Uri> FetchIntrospectionEndpointAsync(CancellationToken cancellationToken)
    {
        var issuer = _options.Issuer.TrimEnd('/');
        using var request = new HttpRequestMessage(HttpMethod.Get, issuer + "/.well-known/oauth-authorization-server");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var document = await SendForJsonAsync(request, "metadata", cancellationToken);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("issuer", out var metadataIssuer) || metadataIssuer.ValueKind != JsonValueKind.String
            || !string.Equals(metadataIssuer.GetString(), _options.Issuer, StringComparison.Ordinal))
        {
            // RFC 8414 section 3.3: the metadata must name exactly the issuer it was fetched for.
            throw new IntrospectionUnavailableException(
                "The authorization server metadata does not name the configured issuer (TokenValidation:Issuer).",
                new HttpRequestException("The authorization server metadata names another issuer."));
        }

        if (!root.TryGetProperty("introspection_endpoint", out var endpointElement) || endpointElement.ValueKind != JsonValueKind.String
            || !Uri.TryCreate(endpointElement.GetString(), UriKind.Absolute, out var endpoint))
        {
            throw new IntrospectionUnavailableException(
                "The authorization server metadata has no introspection_endpoint.",
                new HttpRequestException("The authorization server metadata has no introspection_endpoint."));
        }

        return endpoint;
    }

    private async Task<JsonDocument> SendForJsonAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _httpClients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            _log.AuthorizationServerUnreachable(what, exception.Message);
            throw new IntrospectionUnavailableException($"The authorization server could not be reached ({what}).", exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested || exception.InnerException is TimeoutException)
        {
            _log.AuthorizationServerUnreachable(what, "timed out");
            throw new IntrospectionUnavailableException($"The authorization server did not answer in time ({what}).", new TimeoutException(exception.Message, exception));
        }

        using (response)
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest)
                {
                    // The token is not the problem here: our own client credentials or request were refused.
                    _log.IntrospectionRefused(what, (int)response.StatusCode, _options.ClientId);
                }
                else
                {
                    _log.AuthorizationServerFailed(what, (int)response.StatusCode);
                }

                if (what == "introspection" && response.StatusCode == HttpStatusCode.NotFound)
                {
                    InvalidateMetadata();
                }

                throw new IntrospectionUnavailableException(
                    $"The authorization server answered {(int)response.StatusCode} ({what}).",
                    new HttpRequestException($"The authorization server answered {(int)response.StatusCode}.", null, response.StatusCode));
            }

            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                using var limited = new MemoryStream();
                var buffer = new byte[8192];
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    if (limited.Length + read > MaxResponseBytes)
                    {
                        throw new JsonException("The response is too large.");
                    }

                    limited.Write(buffer, 0, read);
                }

                return JsonDocument.Parse(limited.GetBuffer().AsMemory(0, (int)limited.Length));
            }
            catch (Exception exception) when (exception is JsonException or HttpRequestException or IOException)
            {
                _log.AuthorizationServerFailed(what, (int)response.StatusCode);
                throw new IntrospectionUnavailableException(
                    $"The authorization server's {what} answer could not be read.",
                    new HttpRequestException($"The {what} answer could not be read.", exception));
            }
            catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                throw new IntrospectionUnavailableException($"The authorization server did not answer in time ({what}).", new TimeoutException(exception.Message, exception));
            }
        }
    }

    internal static IntrospectionResponse Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("active", out var active) || active.ValueKind != JsonValueKind.True)
        {
            return IntrospectionResponse.Inactive;
        }

        var audiences = new List<string>();
        if (root.TryGetProperty("aud", out var aud))
        {
            if (aud.ValueKind == JsonValueKind.String)
            {
                audiences.Add(aud.GetString()!);
            }
            else if (aud.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in aud.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        audiences.Add(item.GetString()!);
                    }
                }
            }
        }

        return new IntrospectionResponse(
            true, String(root, "iss"), audiences, Number(root, "exp"), Number(root, "iat"), Number(root, "nbf"),
            String(root, "sub"), String(root, "client_id"), String(root, "scope"), String(root, "jti"),
            String(root, "username"), String(root, "token_usage"));
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : null;
}

/// <summary>Log lines of token validation. None of them carries a token or a secret.</summary>
internal sealed partial class IntrospectionLog(ILogger logger)
{
    [LoggerMessage(1, LogLevel.Warning, "The authorization server could not be reached for {What}: {Reason}")]
    public partial void AuthorizationServerUnreachable(string what, string reason);

    [LoggerMessage(2, LogLevel.Warning, "The authorization server answered HTTP {Status} to the {What} request")]
    public partial void AuthorizationServerFailed(string what, int status);

    [LoggerMessage(3, LogLevel.Error, "The authorization server refused the {What} request with HTTP {Status}: check the credentials of client {ClientId} (TokenValidation:ClientId/ClientSecret)")]
    public partial void IntrospectionRefused(string what, int status, string clientId);

    [LoggerMessage(4, LogLevel.Debug, "Token refused: {Reason} (client {ClientId}, jti {TokenId})")]
    public partial void TokenRefused(string reason, string? clientId, string? tokenId);

    [LoggerMessage(5, LogLevel.Warning, "The token cache in Redis is not usable, introspecting directly: {Reason}")]
    public partial void RedisUnusable(string reason);

    [LoggerMessage(6, LogLevel.Information, "Revoked token {TokenId} evicted from the token cache")]
    public partial void Evicted(string tokenId);

    [LoggerMessage(7, LogLevel.Information, "Listening for token revocations on Redis channel {Channel}")]
    public partial void Subscribed(string channel);

    [LoggerMessage(8, LogLevel.Warning, "Could not subscribe to token revocations on Redis channel {Channel}, retrying: {Reason}")]
    public partial void SubscribeFailed(string channel, string reason);

    [LoggerMessage(9, LogLevel.Error, "Token validation failed unexpectedly")]
    public partial void Unexpected(Exception exception);
}
