using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpResource.Endpoints;

/// <summary>What the endpoint reads from a parsed JSON-RPC message before handing it to the MCP server.</summary>
public static class McpMessages
{
    /// <summary>The tool a <c>tools/call</c> request names, or null for any other message.</summary>
    public static string? ToolName(JsonRpcMessage? message) =>
        message is JsonRpcRequest { Method: RequestMethods.ToolsCall, Params: JsonObject parameters }
        && parameters["name"] is JsonValue name
        && name.GetValueKind() == JsonValueKind.String
            ? name.GetValue<string>()
            : null;

    /// <summary>The request id as JSON, for errors the endpoint answers itself (null for notifications).</summary>
    public static JsonElement? Id(JsonRpcMessage? message) =>
        message is JsonRpcMessageWithId withId
            ? JsonSerializer.SerializeToElement(withId.Id, McpJsonUtilities.DefaultOptions)
            : null;
}
