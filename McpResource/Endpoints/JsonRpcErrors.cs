using System.Text.Json;
using ModelContextProtocol;

namespace McpResource.Endpoints;

/// <summary>JSON-RPC error responses the endpoint writes itself (before any MCP server sees the message).</summary>
public static class JsonRpcErrors
{
    public static Task WriteAsync(HttpContext context, EndpointError error, JsonElement? id = null) =>
        WriteAsync(context, error.StatusCode, error.Code, error.Message, id);

    public static async Task WriteAsync(HttpContext context, int statusCode, McpErrorCode code, string message, JsonElement? id = null)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("jsonrpc", "2.0");
        writer.WritePropertyName("id");
        if (id is { } value && value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
        {
            value.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WriteStartObject("error");
        writer.WriteNumber("code", (int)code);
        writer.WriteString("message", message);
        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }
}
