using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace McpResource.Tests.Infrastructure;

/// <summary>
/// A minimal RFC 8414 + RFC 7662 authorization server on a real loopback port: it publishes metadata with an
/// introspection endpoint and answers introspection for the opaque tokens it issued, so the real introspection
/// handler can be exercised without the full AuthServer. It can be switched "down" (connection refused semantics
/// are approximated by a 503) and counts introspection requests.
/// </summary>
public sealed class StubAuthorizationServer : IAsyncDisposable
{
    public const string ResourceClientId = "mcp-resource";
    public const string ResourceClientSecret = "mcp-resource-secret";

    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private int _introspections;

    public string Issuer { get; private set; } = "";

    public int Introspections => Volatile.Read(ref _introspections);

    /// <summary>When true, introspection answers 503 (the service treats it like an unreachable server).</summary>
    public bool IsDown { get; set; }

    public static async Task<StubAuthorizationServer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new StubAuthorizationServer { _app = app };
        app.Run(stub.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        stub.Issuer = address.TrimEnd('/');
        return stub;
    }

    /// <summary>Issues an opaque access token with the given claims.</summary>
    public string Issue(string subject, string clientId, string scope, string audience, string? username = null, TimeSpan? lifetime = null)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var now = DateTimeOffset.UtcNow;
        _tokens[token] = new IssuedToken(subject, clientId, scope, audience, username, now.ToUnixTimeSeconds(),
            (now + (lifetime ?? TimeSpan.FromHours(1))).ToUnixTimeSeconds(), Guid.NewGuid().ToString("N"));
        return token;
    }

    /// <summary>Revokes a token (introspection answers inactive from now on) and returns its <c>jti</c>.</summary>
    public string Revoke(string token) => _tokens.TryRemove(token, out var issued) ? issued.Jti : throw new ArgumentException("Unknown token.", nameof(token));

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
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
                ["code_challenge_methods_supported"] = new[] { "S256" },
                ["introspection_endpoint_auth_methods_supported"] = new[] { "client_secret_basic", "client_secret_post" },
            });
            return;
        }

        if (HttpMethods.IsPost(context.Request.Method) && path == "/connect/introspect")
        {
            Interlocked.Increment(ref _introspections);
            if (IsDown)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            var form = await context.Request.ReadFormAsync();
            if (!Authenticated(context.Request, form))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsJsonAsync(new { error = "invalid_client" });
                return;
            }

            var token = form["token"].ToString();
            if (!_tokens.TryGetValue(token, out var issued) || issued.Exp <= DateTimeOffset.UtcNow.ToUnixTimeSeconds())
            {
                await context.Response.WriteAsJsonAsync(new { active = false });
                return;
            }

            var body = new Dictionary<string, object>
            {
                ["active"] = true,
                ["iss"] = Issuer,
                ["sub"] = issued.Subject,
                ["client_id"] = issued.ClientId,
                ["scope"] = issued.Scope,
                ["aud"] = issued.Audience,
                ["exp"] = issued.Exp,
                ["iat"] = issued.Iat,
                ["jti"] = issued.Jti,
                ["token_type"] = "Bearer",
            };
            if (issued.Username is not null)
            {
                body["username"] = issued.Username;
            }

            await context.Response.WriteAsJsonAsync(body);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    private static bool Authenticated(HttpRequest request, IFormCollection form)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            && header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && header.Parameter is not null)
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter)).Split(':', 2);
            return pair.Length == 2 && Uri.UnescapeDataString(pair[0]) == ResourceClientId && Uri.UnescapeDataString(pair[1]) == ResourceClientSecret;
        }

        return form["client_id"] == ResourceClientId && form["client_secret"] == ResourceClientSecret;
    }

    private sealed record IssuedToken(string Subject, string ClientId, string Scope, string Audience, string? Username, long Iat, long Exp, string Jti);
}
