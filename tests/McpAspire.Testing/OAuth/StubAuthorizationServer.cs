using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace McpAspire.Testing.OAuth;

/// <summary>
/// A small RFC 8414 + RFC 7662 authorization server on a real loopback port, so the real introspection handler can be
/// exercised without the full AuthServer: metadata with an introspection endpoint, client_secret_basic authentication
/// of the resource server, opaque tokens it issued. Counts introspections; can delay them or answer 503
/// (<see cref="IsDown"/>); disposing it makes the port refuse connections.
/// </summary>
public sealed class StubAuthorizationServer : IAsyncDisposable
{
    /// <summary>The resource server's client; the secret has characters that client_secret_basic must escape.</summary>
    public const string ClientId = "resource-client";
    public const string ClientSecret = "resource secret/with:odd chars";

    /// <summary>A second audience every token carries besides the one asked for.</summary>
    public const string OtherAudience = "http://127.0.0.1:1/other";

    private readonly ConcurrentDictionary<string, Issued> _tokens = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private int _introspections;
    private bool _disposed;

    public string Issuer { get; private set; } = string.Empty;

    public int Introspections => Volatile.Read(ref _introspections);

    /// <summary>Added before each introspection answer, so concurrent requests overlap.</summary>
    public TimeSpan IntrospectionDelay { get; set; }

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
        stub.Issuer = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return stub;
    }

    public sealed record Issued(string Subject, string ClientId, string Scope, IReadOnlyList<string> Audiences, string? Username, long Iat, long Exp, string Jti, string? Issuer);

    /// <summary>Issues an opaque token; <paramref name="issuer"/> overrides the iss it reports (to test a foreign issuer).</summary>
    public (string Token, Issued Claims) Issue(
        string audience, string subject = "alice-id", string scope = "mcp:read mcp:write", string clientId = "chat-web",
        string? username = "alice", TimeSpan? lifetime = null, string? issuer = null)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var now = DateTimeOffset.UtcNow;
        var issued = new Issued(subject, clientId, scope, [audience, OtherAudience], username, now.ToUnixTimeSeconds(),
            (now + (lifetime ?? TimeSpan.FromHours(1))).ToUnixTimeSeconds(), Guid.NewGuid().ToString("N"), issuer);
        _tokens[token] = issued;
        return (token, issued);
    }

    /// <summary>Revokes a token (introspection answers inactive from now on) and returns its <c>jti</c>.</summary>
    public string Revoke(string token) => _tokens.TryRemove(token, out var issued) ? issued.Jti : throw new ArgumentException("Unknown token.", nameof(token));

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
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
                ["introspection_endpoint_auth_methods_supported"] = new[] { "client_secret_basic" },
            });
            return;
        }

        if (HttpMethods.IsPost(context.Request.Method) && path == "/connect/introspect")
        {
            Interlocked.Increment(ref _introspections);
            if (IntrospectionDelay > TimeSpan.Zero)
            {
                await Task.Delay(IntrospectionDelay, context.RequestAborted);
            }

            if (IsDown)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            if (!Authenticated(context.Request))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsJsonAsync(new { error = "invalid_client" });
                return;
            }

            var form = await context.Request.ReadFormAsync();
            if (!_tokens.TryGetValue(form["token"].ToString(), out var issued) || issued.Exp <= DateTimeOffset.UtcNow.ToUnixTimeSeconds())
            {
                await context.Response.WriteAsJsonAsync(new { active = false });
                return;
            }

            var body = new Dictionary<string, object>
            {
                ["active"] = true,
                ["iss"] = issued.Issuer ?? Issuer,
                ["sub"] = issued.Subject,
                ["client_id"] = issued.ClientId,
                ["scope"] = issued.Scope,
                ["aud"] = issued.Audiences,
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

    private static bool Authenticated(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return false;
        }

        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter)).Split(':', 2);
        return pair.Length == 2 && Uri.UnescapeDataString(pair[0]) == ClientId && Uri.UnescapeDataString(pair[1]) == ClientSecret;
    }
}
