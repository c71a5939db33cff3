using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using McpAspire.Testing.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// A small MCP resource server for end-to-end tests: RFC 9728 metadata naming AuthServer, a 401 Bearer challenge
/// without a token, and every token checked by RFC 7662 introspection at AuthServer (active, audience). Its one
/// tool, whoami, answers the introspected username.
/// </summary>
public sealed class ProtectedMcpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ProtectedMcpServer(WebApplication app, Uri resource)
    {
        _app = app;
        Resource = resource;
    }

    public Uri Resource { get; }

    public static async Task<ProtectedMcpServer> StartAsync(string issuer, string introspectionSecret, CancellationToken cancellationToken)
    {
        var port = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        var resource = $"http://127.0.0.1:{port}/mcp";
        var metadataUrl = $"http://127.0.0.1:{port}/.well-known/oauth-protected-resource/mcp";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var introspection = new HttpClient();
        app.Lifetime.ApplicationStopped.Register(introspection.Dispose);

        app.MapGet("/.well-known/oauth-protected-resource/mcp", () => Results.Json(new Dictionary<string, object>
        {
            ["resource"] = resource,
            ["authorization_servers"] = new[] { issuer },
            ["scopes_supported"] = new[] { "mcp:read" },
            ["bearer_methods_supported"] = new[] { "header" },
        }));

        app.MapPost("/mcp", async (HttpContext context) =>
        {
            var authorization = context.Request.Headers.Authorization.ToString();
            var user = authorization.StartsWith("Bearer ", StringComparison.Ordinal)
                ? await IntrospectAsync(introspection, issuer, introspectionSecret, authorization[7..], resource, context.RequestAborted)
                : null;
            if (user is null)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = $"Bearer resource_metadata=\"{metadataUrl}\", scope=\"mcp:read\"";
                return;
            }

            await HandleMcpAsync(context, user);
        });

        await app.StartAsync(cancellationToken);
        return new ProtectedMcpServer(app, new Uri(resource));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<ClaimsPrincipal?> IntrospectAsync(
        HttpClient http, string issuer, string secret, string token, string resource, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, issuer + "/connect/introspect")
        {
            Content = new FormUrlEncodedContent([new("token", token)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("mcp-resource:" + secret)));
        using var response = await http.SendAsync(request, cancellationToken);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement;
        if (!body.GetProperty("active").GetBoolean())
        {
            return null;
        }

        var audience = body.GetProperty("aud");
        var audiences = audience.ValueKind == JsonValueKind.Array ? audience.EnumerateArray().Select(a => a.GetString()).ToArray() : [audience.GetString()];
        return audiences.Contains(resource)
            ? new ClaimsPrincipal(new ClaimsIdentity([new Claim("username", body.GetProperty("username").GetString()!)], "introspection", "username", null))
            : null;
    }

    private static async Task HandleMcpAsync(HttpContext context, ClaimsPrincipal user)
    {
        var message = await JsonSerializer.DeserializeAsync<JsonRpcMessage>(context.Request.Body, McpJsonUtilities.DefaultOptions, context.RequestAborted);
        message!.Context ??= new JsonRpcMessageContext();
        message.Context.User = user;
        if (context.Request.Headers["MCP-Protocol-Version"].ToString() is { Length: > 0 } version)
        {
            message.Context.ProtocolVersion = version;
        }

        var options = new McpServerOptions
        {
            ServerInfo = new Implementation { Name = "auth-test-resource", Version = "1.0" },
            ToolCollection = [McpServerTool.Create((ClaimsPrincipal? caller) => caller?.Identity?.Name ?? "anonymous", new() { Name = "whoami" })],
            ScopeRequests = false,
        };
        var transport = new StreamableHttpServerTransport { Stateless = true };
        await using var server = McpServer.Create(transport, options, serviceProvider: context.RequestServices);
        var run = server.RunAsync(context.RequestAborted);
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache,no-store";
        try
        {
            if (!await transport.HandlePostRequestAsync(message, context.Response.Body, context.RequestAborted))
            {
                context.Response.ContentType = null;
                context.Response.StatusCode = StatusCodes.Status202Accepted;
            }
        }
        finally
        {
            await transport.DisposeAsync();
            await run;
        }
    }
}
