using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace McpResource.Tests.Infrastructure;

/// <summary>Raw JSON-RPC over the Streamable HTTP endpoint, for tests that check the wire.</summary>
public static class McpHttp
{
    public const string BothAccept = "application/json, text/event-stream";
    public const string ProtocolVersion = "2025-11-25";

    private static int _nextId;

    public static HttpRequestMessage Request(string method, object? parameters = null, string accept = BothAccept, bool notification = false)
    {
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method };
        if (!notification)
        {
            message["id"] = Interlocked.Increment(ref _nextId);
        }

        if (parameters is not null)
        {
            message["params"] = JsonSerializer.SerializeToNode(parameters);
        }

        return Raw(message.ToJsonString(), accept);
    }

    public static HttpRequestMessage Raw(string body, string? accept = BothAccept)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        request.Headers.Add("MCP-Protocol-Version", ProtocolVersion);
        return request;
    }

    public static HttpRequestMessage CallTool(string name, object? arguments = null, string accept = BothAccept) =>
        Request("tools/call", new { name, arguments = arguments ?? new { } }, accept);

    /// <summary>The JSON-RPC response of a POST, read from an application/json or text/event-stream body.</summary>
    public static async Task<JsonElement> ReadMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            text = text.Split('\n').Last(l => l.StartsWith("data:", StringComparison.Ordinal))["data:".Length..].Trim();
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Calls a tool that must succeed and returns its first text content parsed as JSON (or as a string).</summary>
    public static async Task<JsonElement> CallToolResultAsync(HttpClient client, string name, object? arguments, CancellationToken cancellationToken)
    {
        using var response = await client.SendAsync(CallTool(name, arguments), cancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var message = await ReadMessageAsync(response, cancellationToken);
        var result = message.GetProperty("result");
        return result;
    }

    public static string FirstText(JsonElement result) =>
        result.GetProperty("content")[0].GetProperty("text").GetString()!;

    public static bool IsError(JsonElement result) =>
        result.TryGetProperty("isError", out var isError) && isError.GetBoolean();

    public static string? Challenge(HttpResponseMessage response) =>
        response.Headers.WwwAuthenticate.FirstOrDefault()?.ToString();

    public static MediaTypeHeaderValue? ContentType(HttpResponseMessage response) => response.Content.Headers.ContentType;
}
