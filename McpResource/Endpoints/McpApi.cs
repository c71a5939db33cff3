using System.Diagnostics;
using McpResource.Authorization;
using McpResource.Telemetry;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpResource.Endpoints;

/// <summary>
/// The MCP Streamable HTTP endpoint (POST only, stateless). Authentication and the per-tool scope check happen
/// here, before any MCP server sees the message, so 401/403 challenges can still set the status line.
/// </summary>
public static class McpApi
{
    public static RouteGroupBuilder MapMcpApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/mcp");
        group.MapPost("", HandlePostAsync);
        group.RequireCors(McpCors.McpPolicy);
        return group;
    }

    private static async Task HandlePostAsync(HttpContext context, [AsParameters] McpEndpointServices services)
    {
        if (!McpCors.IsOriginAllowed(context.Request, services.Settings.Value))
        {
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status403Forbidden, McpErrorCode.InvalidRequest,
                "Forbidden: requests from this Origin are not accepted.");
            return;
        }

        var (head, headError) = McpRequestHead.Read(context.Request);
        if (head is null)
        {
            await JsonRpcErrors.WriteAsync(context, headError!);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var maxBytes = services.Settings.Value.MaxRequestBodyBytes;
        var resolution = services.Settings.Value.DisableAuthentication
            ? CallerResolution.Resolved(McpCaller.Anonymous)
            : await services.Resolver.ResolveAsync(context);
        if (resolution.Caller is not { } caller)
        {
            // The challenge names the scopes of the tool called: from Mcp-Name, else from the body if it parses.
            var calledTool = head.ToolName ?? McpMessages.ToolName(await ReadMessageOrNullAsync(context, maxBytes));
            var calledPolicy = calledTool is null ? null : services.Catalog.Find(calledTool);
            await services.Refusals.UnauthenticatedAsync(context, resolution, calledTool, calledPolicy, started);
            return;
        }

        // Pre-run scope decision from the Mcp-Name header, before the body is even read.
        var policy = head.ToolName is null ? null : services.Catalog.Find(head.ToolName);
        if (policy is not null && await services.Refusals.RefuseIfNotPermittedAsync(context, policy, caller, started))
        {
            return;
        }

        var body = await RequestBody.ReadAsync(context, maxBytes);
        if (body is null)
        {
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, McpErrorCode.InvalidRequest,
                $"Request too large: the body exceeds {maxBytes} bytes.");
            return;
        }

        var parsed = JsonRpcParser.Parse(body.Value);
        if (parsed.Message is not { } message)
        {
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status400BadRequest, parsed.ErrorCode, parsed.Error!, parsed.Id);
            return;
        }

        if (head.Contradicts(message) is { } mismatch)
        {
            await JsonRpcErrors.WriteAsync(context, mismatch, McpMessages.Id(message));
            return;
        }

        var toolName = McpMessages.ToolName(message);
        if (head.ToolName is null && toolName is not null)
        {
            policy = services.Catalog.Find(toolName);
            if (policy is not null && await services.Refusals.RefuseIfNotPermittedAsync(context, policy, caller, started))
            {
                return;
            }
        }

        await RunAsync(context, services, head, message, caller, toolName is null ? null : policy?.Name ?? ToolCallOutcomes.UnknownTool, started);
    }

    private static async Task RunAsync(
        HttpContext context, McpEndpointServices services, McpRequestHead head, JsonRpcMessage message, McpCaller caller,
        string? toolTag, long started)
    {
        services.CallerContext.Caller = caller;
        message.Context ??= new JsonRpcMessageContext();
        if (context.User.Identity?.IsAuthenticated == true)
        {
            message.Context.User = context.User;
        }

        if (head.ProtocolVersion is not null)
        {
            message.Context.ProtocolVersion = head.ProtocolVersion;
        }

        using var activity = toolTag is null ? null : McpResourceTelemetry.StartToolCall(toolTag);
        activity?.SetTag("enduser.id", caller.Subject);

        await using var output = await services.Server.RunAsync(
            message, services.Catalog.PermittedFor(caller), context.RequestServices, context.RequestAborted);
        if (output is null)
        {
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return;
        }

        var frames = new ReadOnlyMemory<byte>(output.GetBuffer(), 0, (int)output.Length);
        var response = SseFrames.LastData(frames);
        if (toolTag is not null)
        {
            var outcome = ToolCallOutcomes.Of(response.Span);
            activity?.SetTag("mcp.tool.outcome", outcome);
            if (outcome != ToolCallOutcomes.Success)
            {
                activity?.SetStatus(ActivityStatusCode.Error, outcome);
            }

            services.Telemetry.RecordToolCall(toolTag, outcome, Stopwatch.GetElapsedTime(started));
        }

        await McpResponseWriter.WriteAsync(context, head.Format, frames, response);
    }

    private static async Task<JsonRpcMessage?> ReadMessageOrNullAsync(HttpContext context, int maxBytes) =>
        await RequestBody.ReadAsync(context, maxBytes) is { } body ? JsonRpcParser.Parse(body).Message : null;
}
