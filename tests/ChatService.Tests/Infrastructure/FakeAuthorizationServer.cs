using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatService.Tests.Infrastructure;

/// <summary>
/// A tiny OAuth authorization server (RFC 8414 metadata, RFC 6749 client-credentials token endpoint with RFC 8707
/// resource, RFC 7662 introspection) on a real loopback port. It issues opaque tokens, counts token requests, and
/// can issue service tokens with a chosen lifetime or be switched off.
/// </summary>
public sealed class FakeAuthorizationServer : IAsyncDisposable
{
    public const string ChatClientId = "chat-service";
    public const string ChatClientSecret = "chat-service-test-secret";
    public const string McpClientId = "mcp-resource";
    public const string McpClientSecret = "mcp-resource-test-secret";

    public const string WebClientId = "chat-web";

    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private int _tokenRequests;

    public string Issuer { get; private set; } = "";

    /// <summary>The user the authorization endpoint signs in (it plays the login and consent pages): username and granted scope.</summary>
    public (string Username, string Scope) SignedInUser { get; set; } = ("alice", "mcp:read mcp:write");

    /// <summary>The query of the last authorization request.</summary>
    public IQueryCollection? LastAuthorizationRequest { get; private set; }

    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <summary>Lifetime of the client-credentials tokens the token endpoint issues.</summary>
    public TimeSpan ServiceTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The last <c>resource</c> and <c>scope</c> a client-credentials request asked for.</summary>
    public (string? Resource, string? Scope) LastServiceTokenRequest { get; private set; }

    public static async Task<FakeAuthorizationServer> StartAsync(CancellationToken cancellationToken)
    {
        var server = new FakeAuthorizationServer();
        (server._app, server.Issuer) = await LoopbackApp.StartAsync(app => app.Run(server.HandleAsync), cancellationToken);
        return server;
    }

    /// <summary>A user's access token for the given audiences.</summary>
    public string IssueUserToken(string subject, string username, string scope, IReadOnlyList<string> audiences, TimeSpan? lifetime = null) =>
        Issue(new IssuedToken(subject, "chat-web", scope, audiences, username, Expiry(lifetime)));

    public bool IsActive(string token, out IssuedToken issued) =>
        _tokens.TryGetValue(token, out issued!) && issued.ExpiresAt > DateTimeOffset.UtcNow;

    /// <summary>Makes every token issued so far (user and service) expire now.</summary>
    public void ExpireServiceTokens()
    {
        foreach (var (token, issued) in _tokens)
        {
            if (issued.ClientId == ChatClientId)
            {
                _tokens[token] = issued with { ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-1) };
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private static DateTimeOffset Expiry(TimeSpan? lifetime) => DateTimeOffset.UtcNow + (lifetime ?? TimeSpan.FromHours(1));

    private string Issue(IssuedToken issued)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        _tokens[token] = issued;
        return token;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        if (HttpMethods.IsGet(context.Request.Method) && path == "/.well-known/oauth-authorization-server")
        {
            await context.Response.WriteAsJsonAsync(new Dictionary<string, object>
            {
                ["issuer"] = Issuer,
                ["authorization_endpoint"] = Issuer + "/connect/authorize",
                ["token_endpoint"] = Issuer + "/connect/token",
                ["introspection_endpoint"] = Issuer + "/connect/introspect",
                ["grant_types_supported"] = new[] { "client_credentials" },
                ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_basic", "client_secret_post" },
                ["code_challenge_methods_supported"] = new[] { "S256" },
            });
            return;
        }

        if (HttpMethods.IsGet(context.Request.Method) && path == "/connect/authorize")
        {
            Authorize(context);
            return;
        }

        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.HasFormContentType)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var form = await context.Request.ReadFormAsync();
        if (path == "/connect/token" && form["grant_type"] == "authorization_code")
        {
            await RedeemCodeAsync(context, form);
            return;
        }

        if (!Authenticated(context.Request, form, ChatClientId, ChatClientSecret)
            && !(path == "/connect/introspect" && Authenticated(context.Request, form, McpClientId, McpClientSecret)))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsJsonAsync(new { error = "invalid_client" });
            return;
        }

        if (path == "/connect/token")
        {
            Interlocked.Increment(ref _tokenRequests);
            if (form["grant_type"] != "client_credentials")
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsJsonAsync(new { error = "unsupported_grant_type" });
                return;
            }

            LastServiceTokenRequest = (form["resource"].ToString(), form["scope"].ToString());
            var resource = form["resource"].ToString();
            var token = Issue(new IssuedToken(ChatClientId, ChatClientId, form["scope"].ToString(), [resource], null, Expiry(ServiceTokenLifetime)));
            await context.Response.WriteAsJsonAsync(new
            {
                access_token = token,
                token_type = "Bearer",
                expires_in = (int)ServiceTokenLifetime.TotalSeconds,
                scope = form["scope"].ToString(),
            });
            return;
        }

        if (path == "/connect/introspect")
        {
            if (!IsActive(form["token"].ToString(), out var issued))
            {
                await context.Response.WriteAsJsonAsync(new { active = false });
                return;
            }

            await context.Response.WriteAsJsonAsync(new Dictionary<string, object?>
            {
                ["active"] = true,
                ["iss"] = Issuer,
                ["sub"] = issued.Subject,
                ["client_id"] = issued.ClientId,
                ["scope"] = issued.Scope,
                ["aud"] = issued.Audiences.Count == 1 ? issued.Audiences[0] : issued.Audiences,
                ["exp"] = issued.ExpiresAt.ToUnixTimeSeconds(),
                ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["jti"] = Guid.NewGuid().ToString("N"),
                ["username"] = issued.Username,
                ["token_type"] = "Bearer",
            });
            return;
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    /// <summary>RFC 6749 §4.1.1 with PKCE (RFC 7636) and RFC 8707 resources; the user is <see cref="SignedInUser"/>.</summary>
    private void Authorize(HttpContext context)
    {
        var query = context.Request.Query;
        LastAuthorizationRequest = query;
        if (query["client_id"] != WebClientId || query["code_challenge_method"] != "S256" || query["response_type"] != "code"
            || string.IsNullOrEmpty(query["code_challenge"]) || string.IsNullOrEmpty(query["redirect_uri"]))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _codes[code] = new PendingCode(query["code_challenge"]!, query["redirect_uri"]!, [.. query["resource"].Select(r => r!)]);
        context.Response.Redirect(
            $"{query["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(query["state"].ToString())}&iss={Uri.EscapeDataString(Issuer)}");
    }

    private async Task RedeemCodeAsync(HttpContext context, IFormCollection form)
    {
        var verifier = form["code_verifier"].ToString();
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        if (!_codes.TryRemove(form["code"].ToString(), out var pending) || pending.Challenge != challenge
            || pending.RedirectUri != form["redirect_uri"] || form["client_id"] != WebClientId)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new { error = "invalid_grant" });
            return;
        }

        var (username, scope) = SignedInUser;
        var token = Issue(new IssuedToken("sub-" + username, WebClientId, scope, pending.Resources, username, Expiry(null)));
        await context.Response.WriteAsJsonAsync(new { access_token = token, token_type = "Bearer", expires_in = 3600, scope });
    }

    private static bool Authenticated(HttpRequest request, IFormCollection form, string clientId, string clientSecret)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            && header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && header.Parameter is not null)
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter)).Split(':', 2);
            return pair.Length == 2 && Uri.UnescapeDataString(pair[0]) == clientId && Uri.UnescapeDataString(pair[1]) == clientSecret;
        }

        return form["client_id"] == clientId && form["client_secret"] == clientSecret;
    }

    private sealed record PendingCode(string Challenge, string RedirectUri, IReadOnlyList<string> Resources);

    public sealed record IssuedToken(string Subject, string ClientId, string Scope, IReadOnlyList<string> Audiences, string? Username, DateTimeOffset ExpiresAt);
}
