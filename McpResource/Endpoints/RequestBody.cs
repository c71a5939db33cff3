using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace McpResource.Endpoints;

/// <summary>Reads a request body into memory, refusing anything larger than a limit.</summary>
public static class RequestBody
{
    /// <summary>The body, or null when it exceeds <paramref name="maxBytes"/>.</summary>
    public static async Task<ArraySegment<byte>?> ReadAsync(HttpContext context, int maxBytes)
    {
        var request = context.Request;
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = maxBytes;
        }

        var buffer = new byte[(int)(request.ContentLength ?? 4096)];
        var length = 0;
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (length + read > maxBytes)
                {
                    return null;
                }

                if (length + read > buffer.Length)
                {
                    Array.Resize(ref buffer, Math.Min(maxBytes, Math.Max(buffer.Length * 2, length + read)));
                }

                chunk.AsSpan(0, read).CopyTo(buffer.AsSpan(length));
                length += read;
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return new ArraySegment<byte>(buffer, 0, length);
    }
}
