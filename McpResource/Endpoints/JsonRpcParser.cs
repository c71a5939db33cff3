using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpResource.Endpoints;

/// <summary>The result of parsing a POST body: one JSON-RPC message, or the JSON-RPC error to answer with.</summary>
public readonly record struct ParsedBody(JsonRpcMessage? Message, McpErrorCode ErrorCode, string? Error, JsonElement? Id);

public static class JsonRpcParser
{
    public static ParsedBody Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            var message = JsonSerializer.Deserialize<JsonRpcMessage>(body, McpJsonUtilities.DefaultOptions);
            if (message is null)
            {
                return Failure(McpErrorCode.InvalidRequest, "The request body must be one JSON-RPC 2.0 message object.");
            }

            if (message.JsonRpc != "2.0")
            {
                return Failure(McpErrorCode.InvalidRequest, "The 'jsonrpc' member must be \"2.0\".");
            }

            return new ParsedBody(message, default, null, null);
        }
        catch (JsonException)
        {
            return Diagnose(body);
        }
    }

    // Slow path, only for bodies the JSON-RPC converter refused: tell unparseable JSON from a wrong shape.
    private static ParsedBody Diagnose(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            return root.ValueKind switch
            {
                JsonValueKind.Array => Failure(McpErrorCode.InvalidRequest, "JSON-RPC batches are not supported: send one message per request."),
                JsonValueKind.Object => Failure(
                    McpErrorCode.InvalidRequest,
                    "The message is not a valid JSON-RPC 2.0 request, notification or response (check 'jsonrpc', 'method', 'id' and 'params').",
                    root.TryGetProperty("id", out var id) ? id.Clone() : null),
                _ => Failure(McpErrorCode.InvalidRequest, "The request body must be one JSON-RPC 2.0 message object."),
            };
        }
        catch (JsonException)
        {
            return Failure(McpErrorCode.ParseError, "The request body is not valid JSON.");
        }
    }

    private static ParsedBody Failure(McpErrorCode code, string error, JsonElement? id = null) => new(null, code, error, id);
}
