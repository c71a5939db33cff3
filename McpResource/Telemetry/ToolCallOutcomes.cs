using System.Text.Json;

namespace McpResource.Telemetry;

public static class ToolCallOutcomes
{
    public const string Success = "success";
    public const string ToolError = "tool_error";
    public const string ProtocolError = "protocol_error";
    public const string Forbidden = "forbidden";
    public const string Unauthorized = "unauthorized";
    public const string Unavailable = "unavailable";

    /// <summary>The tool-name tag of calls to a tool that does not exist (keeps the metric's tag values bounded).</summary>
    public const string UnknownTool = "unknown";

    /// <summary>The outcome of a tools/call from its JSON-RPC response: an error, a result with isError, or success.</summary>
    public static string Of(ReadOnlySpan<byte> response)
    {
        try
        {
            var reader = new Utf8JsonReader(response);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.TryGetProperty("error", out _))
            {
                return ProtocolError;
            }

            return root.TryGetProperty("result", out var result)
                && result.TryGetProperty("isError", out var isError)
                && isError.ValueKind == JsonValueKind.True
                    ? ToolError
                    : Success;
        }
        catch (JsonException)
        {
            return ProtocolError;
        }
    }
}
