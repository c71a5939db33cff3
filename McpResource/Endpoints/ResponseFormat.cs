using Microsoft.Net.Http.Headers;

namespace McpResource.Endpoints;

public enum ResponseFormat
{
    NotAcceptable,
    Json,
    EventStream,
}

/// <summary>
/// Chooses the response body of a POST from its Accept header: JSON when the client accepts only JSON or prefers it
/// (higher q), an SSE stream otherwise; neither accepted (or no Accept header) is a 406.
/// </summary>
public static class ResponseFormats
{
    public static ResponseFormat Negotiate(IList<string>? accept)
    {
        if (accept is null || accept.Count == 0 || !MediaTypeHeaderValue.TryParseList(accept, out var mediaTypes))
        {
            return ResponseFormat.NotAcceptable;
        }

        double? json = null, sse = null, anyJson = null, anySse = null;
        foreach (var mediaType in mediaTypes)
        {
            var q = mediaType.Quality ?? 1.0;
            var type = mediaType.MediaType;
            if (type.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            {
                json = Math.Max(json ?? 0, q);
            }
            else if (type.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase))
            {
                sse = Math.Max(sse ?? 0, q);
            }
            else if (type.Equals("*/*", StringComparison.Ordinal))
            {
                anyJson = Math.Max(anyJson ?? 0, q);
                anySse = Math.Max(anySse ?? 0, q);
            }
            else if (type.Equals("application/*", StringComparison.OrdinalIgnoreCase))
            {
                anyJson = Math.Max(anyJson ?? 0, q);
            }
            else if (type.Equals("text/*", StringComparison.OrdinalIgnoreCase))
            {
                anySse = Math.Max(anySse ?? 0, q);
            }
        }

        // A specific media type overrides a wildcard (so "text/event-stream;q=0" excludes SSE even with "*/*").
        var jsonQ = json ?? anyJson ?? 0;
        var sseQ = sse ?? anySse ?? 0;
        if (jsonQ <= 0 && sseQ <= 0)
        {
            return ResponseFormat.NotAcceptable;
        }

        return jsonQ > sseQ ? ResponseFormat.Json : ResponseFormat.EventStream;
    }
}
