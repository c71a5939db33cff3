using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChatService.Options;
using ChatService.Telemetry;
using Microsoft.Extensions.Options;

namespace ChatService.Mcp;

/// <summary>
/// The chat service's own access token for McpResource (OAuth 2.1 client credentials, RFC 8707 <c>resource</c>):
/// fetched on first use, shared by every request, renewed before it expires, one request to the authorization
/// server at a time however many callers wait for it.
/// </summary>
public sealed partial class ServiceTokenManager(
    IHttpClientFactory httpClientFactory,
    AuthorizationServerDiscovery discovery,
    IOptions<ServiceIdentityOptions> identityOptions,
    IOptions<ChatServiceOptions> chatOptions,
    TimeProvider time,
    ChatTelemetry telemetry,
    ILogger<ServiceTokenManager> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile CachedToken? _current;
    private int _requests;

    /// <summary>How many token requests this instance has sent (for the benchmark and tests; also a metric).</summary>
    public int TokenRequests => Volatile.Read(ref _requests);

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        if (current is not null && time.GetUtcNow() < current.RenewAt)
        {
            return current.Value;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            current = _current;
            var now = time.GetUtcNow();
            if (current is not null && now < current.RenewAt)
            {
                return current.Value;
            }

            try
            {
                _current = await RequestAsync(cancellationToken);
            }
            catch (ServiceTokenUnavailableException) when (current is not null && now < current.ExpiresAt)
            {
                // Renewal failed but the old token is still valid: keep using it and try again on the next call.
                return current.Value;
            }

            return _current.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Drops <paramref name="rejectedToken"/> (the resource refused it) so the next call fetches a fresh one.</summary>
    public void Invalidate(string rejectedToken)
    {
        var current = _current;
        if (current is not null && string.Equals(current.Value, rejectedToken, StringComparison.Ordinal))
        {
            Interlocked.CompareExchange(ref _current, null, current);
        }
    }

    private async Task<CachedToken> RequestAsync(CancellationToken cancellationToken)
    {
        var identity = identityOptions.Value;
        var metadata = await discovery.GetAsync(cancellationToken);
        var http = httpClientFactory.CreateClient(AuthorizationServerDiscovery.HttpClientName);

        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["resource"] = chatOptions.Value.McpResourceUri!.ToString().TrimEnd('/'),
        };
        if (!string.IsNullOrWhiteSpace(chatOptions.Value.ServiceScopes))
        {
            form["scope"] = chatOptions.Value.ServiceScopes;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, metadata.TokenEndpoint);
        if (metadata.UseBasicAuthentication)
        {
            // RFC 6749 §2.3.1: both parts are form-encoded before they are joined and base64-encoded.
            var credentials = Uri.EscapeDataString(identity.ClientId) + ":" + Uri.EscapeDataString(identity.ClientSecret);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }
        else
        {
            form["client_id"] = identity.ClientId;
            form["client_secret"] = identity.ClientSecret;
        }

        request.Content = new FormUrlEncodedContent(form);
        Interlocked.Increment(ref _requests);
        var started = time.GetUtcNow();
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var error = body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("error", out var e) ? e.GetString() : null;
                throw new ServiceTokenUnavailableException(
                    $"The authorization server refused the client-credentials grant ({(int)response.StatusCode}, error '{error ?? "unknown"}').");
            }

            var token = CachedToken.From(body.RootElement, started, identity.RenewAfterLifetimeFraction);
            telemetry.RecordServiceTokenRequest(succeeded: true);
            LogTokenObtained(logger, (int)(token.ExpiresAt - started).TotalSeconds);
            return token;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            telemetry.RecordServiceTokenRequest(succeeded: false);
            throw new ServiceTokenUnavailableException("The authorization server could not be reached for a service token.", ex);
        }
        catch (ServiceTokenUnavailableException)
        {
            telemetry.RecordServiceTokenRequest(succeeded: false);
            throw;
        }
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Obtained a service token for McpResource, valid for {LifetimeSeconds} s")]
    private static partial void LogTokenObtained(ILogger logger, int lifetimeSeconds);
}
