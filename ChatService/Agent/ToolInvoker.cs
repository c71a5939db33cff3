using System.Net;
using System.Text;
using System.Text.Json;
using ChatService.Mcp;
using ChatService.Telemetry;
using Microsoft.Extensions.AI;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace ChatService.Agent;

/// <summary>
/// Makes one tool call the model asked for and turns every way it can end into a <see cref="ToolRun"/>: a result,
/// a tool error, a refusal (the tool is not listed for this user, or McpResource answers 403), or unavailability.
/// Nothing here throws for a failed call: the model reads the outcome and answers the user.
/// </summary>
public sealed partial class ToolInvoker(ChatTelemetry telemetry, ILogger<ToolInvoker> logger)
{
    public async Task<ToolRun> InvokeAsync(McpToolSession? session, FunctionCallContent call, CancellationToken cancellationToken)
    {
        var arguments = (IReadOnlyDictionary<string, object?>?)call.Arguments?.AsReadOnly() ?? new Dictionary<string, object?>();
        using var activity = ChatTelemetry.Source.StartActivity($"tool {call.Name}");
        activity?.SetTag("mcp.tool.name", call.Name);

        var run = await CallAsync(session, call.Name, arguments, cancellationToken);
        activity?.SetTag("mcp.tool.outcome", run.Outcome);
        if (!run.Succeeded)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, run.Outcome);
        }

        telemetry.RecordToolCall(call.Name, run.Outcome);
        LogToolCall(logger, call.Name, run.Outcome);
        return run;
    }

    private static async Task<ToolRun> CallAsync(
        McpToolSession? session, string name, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        if (session is null)
        {
            return new ToolRun(name, arguments, ToolOutcomes.Unavailable, "The tools cannot be reached right now.");
        }

        var tool = session.Find(name);
        if (tool is null)
        {
            return new ToolRun(name, arguments, ToolOutcomes.Refused,
                $"The tool '{name}' is not available to this user: McpResource does not list it for their permissions.");
        }

        try
        {
            var result = await tool.CallAsync(arguments, cancellationToken: cancellationToken);
            var text = TextOf(result);
            return new ToolRun(name, arguments, result.IsError == true ? ToolOutcomes.ToolError : ToolOutcomes.Success, text);
        }
        catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.Forbidden)
        {
            return new ToolRun(name, arguments, ToolOutcomes.Refused,
                ProblemDetail(ex.Message) ?? $"McpResource refused '{name}' for this user.");
        }
        catch (McpProtocolException ex)
        {
            return new ToolRun(name, arguments, ToolOutcomes.ToolError, ex.Message);
        }
        catch (Exception ex) when (ex is HttpRequestException or McpException or ServiceTokenUnavailableException or IOException
            || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new ToolRun(name, arguments, ToolOutcomes.Unavailable, "McpResource could not be reached for this call.");
        }
    }

    private static string TextOf(CallToolResult result)
    {
        var text = new StringBuilder();
        foreach (var block in result.Content)
        {
            if (block is TextContentBlock { Text: { } value })
            {
                text.Append(value);
            }
        }

        if (text.Length == 0 && result.StructuredContent is { } structured)
        {
            text.Append(structured.GetRawText());
        }

        return text.ToString();
    }

    /// <summary>The <c>detail</c> of the RFC 9457 body that the SDK quotes in the exception message, if there is one.</summary>
    private static string? ProblemDetail(string message)
    {
        var start = message.IndexOf('{', StringComparison.Ordinal);
        var end = message.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            return null;
        }

        try
        {
            using var problem = JsonDocument.Parse(message.AsMemory(start, end - start + 1));
            return problem.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String
                ? detail.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tool {Tool} called: {Outcome}")]
    private static partial void LogToolCall(ILogger logger, string tool, string outcome);
}
