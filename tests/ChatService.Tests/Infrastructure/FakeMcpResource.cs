using System.Collections.Concurrent;
using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ChatService.Tests.Infrastructure;

/// <summary>
/// A stand-in for McpResource's HTTP contract on a real loopback port, built on the MCP SDK's own server: it checks
/// the dual stream (service token in Authorization, user token in X-User-Token, both active at the fake
/// authorization server and issued for this resource), lists only the tools the intersection of both tokens'
/// scopes allows, answers 403 insufficient_scope for a tool call beyond them, and runs ticket tools as the user.
/// </summary>
public sealed class FakeMcpResource : IAsyncDisposable
{
    private readonly FakeAuthorizationServer _auth;
    private readonly ConcurrentDictionary<long, FakeTicket> _tickets = new();
    private WebApplication? _app;
    private long _nextId;
    private int _unauthorized;
    private int _toolCalls;

    private FakeMcpResource(FakeAuthorizationServer auth) => _auth = auth;

    public string Uri { get; private set; } = "";

    public IReadOnlyCollection<FakeTicket> Tickets => [.. _tickets.Values];

    /// <summary>Requests answered 401 (a service or user token that is missing, expired or for another resource).</summary>
    public int Unauthorized => Volatile.Read(ref _unauthorized);

    public int ToolCalls => Volatile.Read(ref _toolCalls);

    public static async Task<FakeMcpResource> StartAsync(FakeAuthorizationServer auth, CancellationToken cancellationToken)
    {
        var server = new FakeMcpResource(auth);
        (server._app, var baseUrl) = await LoopbackApp.StartAsync(app => app.MapPost("/mcp", server.HandleAsync), cancellationToken);
        server.Uri = baseUrl + "/mcp";
        return server;
    }

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
        var service = Bearer(context.Request.Headers.Authorization.ToString());
        if (service is null || !_auth.IsActive(service, out var serviceToken) || !serviceToken.Audiences.Contains(Uri)
            || context.Request.Headers["X-User-Token"].ToString() is not { Length: > 0 } userTokenValue
            || !_auth.IsActive(userTokenValue, out var userToken) || !userToken.Audiences.Contains(Uri))
        {
            Interlocked.Increment(ref _unauthorized);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return;
        }

        var scopes = serviceToken.Scope.Split(' ').Intersect(userToken.Scope.Split(' ')).ToHashSet();
        var caller = new Caller(userToken.Subject, userToken.Username);
        var message = await JsonSerializer.DeserializeAsync<JsonRpcMessage>(context.Request.Body, McpJsonUtilities.DefaultOptions);
        var tools = Tools(caller).Where(t => scopes.Contains(t.Scope)).ToList();

        if (message is JsonRpcRequest { Method: RequestMethods.ToolsCall, Params: JsonObject parameters }
            && parameters["name"]?.GetValue<string>() is { } toolName)
        {
            Interlocked.Increment(ref _toolCalls);
            if (Tools(caller).FirstOrDefault(t => t.Tool.ProtocolTool.Name == toolName) is { } wanted && !scopes.Contains(wanted.Scope))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                context.Response.Headers.WWWAuthenticate = $"Bearer error=\"insufficient_scope\", scope=\"mcp:read {wanted.Scope}\"";
                await Results.Problem(statusCode: 403, title: "Insufficient scope",
                    detail: $"Calling '{toolName}' needs the scopes: mcp:read {wanted.Scope}.").ExecuteAsync(context);
                return;
            }
        }

        message!.Context ??= new JsonRpcMessageContext();
        if (context.Request.Headers["MCP-Protocol-Version"].ToString() is { Length: > 0 } version)
        {
            message.Context.ProtocolVersion = version;
        }

        var options = new McpServerOptions
        {
            ServerInfo = new Implementation { Name = "fake-mcp-resource", Version = "1.0.0" },
            ScopeRequests = false,
            ToolCollection = [.. tools.Select(t => t.Tool)],
        };
        var transport = new StreamableHttpServerTransport { Stateless = true };
        var server = McpServer.Create(transport, options);
        var run = server.RunAsync(context.RequestAborted);
        try
        {
            context.Response.ContentType = "text/event-stream";
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
            await server.DisposeAsync();
        }
    }

    private IEnumerable<(McpServerTool Tool, string Scope)> Tools(Caller caller)
    {
        yield return (McpServerTool.Create(
            [Description("Lists the caller's tickets.")] (string? status = null) =>
                _tickets.Values.Where(t => t.Owner == caller.Subject && (status is null || t.Status == status)).OrderByDescending(t => t.Id).ToList(),
            new McpServerToolCreateOptions { Name = "list_tickets" }), "mcp:read");
        yield return (McpServerTool.Create(
            [Description("Gets one of the caller's tickets.")] (long id) =>
                _tickets.TryGetValue(id, out var t) && t.Owner == caller.Subject ? t : throw new McpException($"Ticket {id} was not found."),
            new McpServerToolCreateOptions { Name = "get_ticket" }), "mcp:read");
        yield return (McpServerTool.Create(
            [Description("Creates a ticket owned by the caller.")] (string title, string? description = null, string? priority = null) =>
            {
                var ticket = new FakeTicket(Interlocked.Increment(ref _nextId), title, description ?? "", "open", priority ?? "medium", caller.Subject, caller.Username);
                _tickets[ticket.Id] = ticket;
                return ticket;
            },
            new McpServerToolCreateOptions { Name = "create_ticket" }), "mcp:write");
        yield return (McpServerTool.Create(
            [Description("Lists the active integrations.")] () => new[] { new { id = 1, name = "GitHub", kind = "source-control", description = "Issues and pull requests", isActive = true } },
            new McpServerToolCreateOptions { Name = "get_active_integrations" }), "mcp:read");
    }

    private static string? Bearer(string header) =>
        header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;

    private sealed record Caller(string Subject, string? Username);
}

public sealed record FakeTicket(long Id, string Title, string Description, string Status, string Priority, string Owner, string? OwnerName);
