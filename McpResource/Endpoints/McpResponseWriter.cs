namespace McpResource.Endpoints;

/// <summary>Writes the MCP server's buffered output in the format the client asked for.</summary>
public static class McpResponseWriter
{
    /// <summary>JSON: the response alone (the last frame's data); SSE: the frames as the transport wrote them.</summary>
    public static async Task WriteAsync(HttpContext context, ResponseFormat format, ReadOnlyMemory<byte> frames, ReadOnlyMemory<byte> response)
    {
        if (format == ResponseFormat.Json)
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(response, context.RequestAborted);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache, no-store";
        await context.Response.Body.WriteAsync(frames, context.RequestAborted);
    }
}
