using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
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
    private static readonly HashSet<string> SupportedProtocolVersions =
        ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28"];

    public static RouteGroupBuilder MapMcpApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/mcp");
        group.MapPost("", HandlePostAsync);
        return group;
    }

    private static async Task HandlePostAsync(HttpContext context, [AsParameters] McpEndpointServices services)
    {
        var settings = services.Settings.Value;
        var request = context.Request;

        var format = ResponseFormats.Negotiate(request.Headers.Accept);
        if (format == ResponseFormat.NotAcceptable)
        {
            await Results.Problem(
                statusCode: StatusCodes.Status406NotAcceptable,
                title: "Not acceptable",
                detail: "Accept must include application/json or text/event-stream.").ExecuteAsync(context);
            return;
        }

        if (!request.HasJsonContentType())
        {
            await Results.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type",
                detail: "Send one JSON-RPC message as application/json.").ExecuteAsync(context);
            return;
        }

        var body = await RequestBody.ReadAsync(context, settings.MaxRequestBodyBytes);
        if (body is null)
        {
            await Results.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Request too large",
                detail: $"The request body exceeds {settings.MaxRequestBodyBytes} bytes.").ExecuteAsync(context);
            return;
        }

        var parsed = JsonRpcParser.Parse(body.Value);
        if (parsed.Message is not { } message)
        {
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status400BadRequest, parsed.ErrorCode, parsed.Error!, parsed.Id);
            return;
        }

        var protocolVersion = request.Headers[McpHeaders.ProtocolVersion].ToString();
        if (protocolVersion.Length > 0 && !SupportedProtocolVersions.Contains(protocolVersion))
        {
            await JsonRpcErrors.WriteAsync(
                context, StatusCodes.Status400BadRequest, McpErrorCode.InvalidRequest,
                $"Unsupported {McpHeaders.ProtocolVersion} '{protocolVersion}'. Supported: {string.Join(", ", SupportedProtocolVersions)}.",
                IdOf(message));
            return;
        }

        var toolName = message is JsonRpcRequest { Method: RequestMethods.ToolsCall } call ? ToolNameOf(call) : null;
        if (toolName is not null && request.Headers.TryGetValue(McpHeaders.Name, out var headerName)
            && !string.Equals(headerName.ToString(), toolName, StringComparison.Ordinal))
        {
            await JsonRpcErrors.WriteAsync(
                context, StatusCodes.Status400BadRequest, McpErrorCode.HeaderMismatch,
                $"The {McpHeaders.Name} header does not match the tool named in the request body.", IdOf(message));
            return;
        }

        var policy = toolName is null ? null : services.Catalog.Find(toolName);
        var metricName = policy?.Name ?? "unknown";
        var started = Stopwatch.GetTimestamp();

        McpCaller caller;
        if (settings.DisableAuthentication)
        {
            caller = McpCaller.Anonymous;
        }
        else
        {
            var resolution = await services.Resolver.ResolveAsync(context);
            if (resolution.Kind != CallerResolutionKind.Resolved)
            {
                if (toolName is not null)
                {
                    services.Telemetry.RecordToolCall(metricName,
                        resolution.Kind == CallerResolutionKind.Unavailable ? ToolCallOutcomes.Unavailable : ToolCallOutcomes.Unauthorized,
                        Stopwatch.GetElapsedTime(started));
                }

                if (resolution.Kind == CallerResolutionKind.Unavailable)
                {
                    services.Log.Unavailable(resolution.ErrorDescription);
                    await McpChallenges.UnavailableAsync(context, resolution.ErrorDescription);
                }
                else
                {
                    services.Log.Unauthorized(resolution.Error ?? "no token", resolution.ErrorDescription);
                    await services.Challenges.UnauthorizedAsync(
                        context, policy?.NeededScopes ?? McpScopes.Basic, resolution.Error, resolution.ErrorDescription);
                }

                return;
            }

            caller = resolution.Caller!;
        }

        if (policy is not null && !policy.IsPermittedFor(caller))
        {
            services.Telemetry.RecordToolCall(metricName, ToolCallOutcomes.Forbidden, Stopwatch.GetElapsedTime(started));
            if (caller.IsClientAlone && !policy.AllowsClientAlone)
            {
                services.Log.UserRequired(policy.Name, caller.ClientId);
                await McpChallenges.UserRequiredAsync(context, policy.Name);
            }
            else
            {
                services.Log.InsufficientScope(policy.Name, caller.Subject, caller.ClientId, policy.NeededScopes, caller.Scopes);
                await services.Challenges.InsufficientScopeAsync(context, policy.NeededScopes, policy.Name);
            }

            return;
        }

        services.CallerContext.Caller = caller;
        message.Context ??= new JsonRpcMessageContext();
        if (context.User.Identity?.IsAuthenticated == true)
        {
            message.Context.User = context.User;
        }

        if (protocolVersion.Length > 0)
        {
            message.Context.ProtocolVersion = protocolVersion;
        }

        using var activity = toolName is null ? null : McpResourceTelemetry.StartToolCall(metricName);
        activity?.SetTag("enduser.id", caller.Subject);

        await using var output = await services.Server.RunAsync(
            message, services.Catalog.PermittedFor(caller), context.RequestServices, context.RequestAborted);

        if (output is null)
        {
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return;
        }

        var frames = new ReadOnlyMemory<byte>(output.GetBuffer(), 0, (int)output.Length);
        var json = SseFrames.LastData(frames);
        if (toolName is not null)
        {
            var outcome = OutcomeOf(json.Span);
            activity?.SetTag("mcp.tool.outcome", outcome);
            if (outcome != ToolCallOutcomes.Success)
            {
                activity?.SetStatus(ActivityStatusCode.Error, outcome);
            }

            services.Telemetry.RecordToolCall(metricName, outcome, Stopwatch.GetElapsedTime(started));
        }

        if (format == ResponseFormat.Json)
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(json, context.RequestAborted);
        }
        else
        {
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache, no-store";
            await context.Response.Body.WriteAsync(frames, context.RequestAborted);
        }
    }

    private static string? ToolNameOf(JsonRpcRequest request) =>
        request.Params is JsonObject parameters
        && parameters["name"] is JsonValue name
        && name.GetValueKind() == JsonValueKind.String
            ? name.GetValue<string>()
            : null;

    private static JsonElement? IdOf(JsonRpcMessage message) =>
        message is JsonRpcMessageWithId withId
            ? JsonSerializer.SerializeToElement(withId.Id, McpJsonUtilities.DefaultOptions)
            : null;

    private static string OutcomeOf(ReadOnlySpan<byte> response)
    {
        try
        {
            var reader = new Utf8JsonReader(response);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.TryGetProperty("error", out _))
            {
                return ToolCallOutcomes.ProtocolError;
            }

            return root.TryGetProperty("result", out var result)
                && result.TryGetProperty("isError", out var isError)
                && isError.ValueKind == JsonValueKind.True
                    ? ToolCallOutcomes.ToolError
                    : ToolCallOutcomes.Success;
        }
        catch (JsonException)
        {
            return ToolCallOutcomes.ProtocolError;
        }
    }
}
