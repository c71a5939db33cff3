namespace McpResource.Endpoints;

/// <summary>Reads the JSON-RPC response out of the SSE frames the MCP transport writes.</summary>
public static class SseFrames
{
    private static ReadOnlySpan<byte> DataPrefix => "data:"u8;

    /// <summary>The payload of the last <c>data:</c> line (the response; earlier frames are notifications).</summary>
    public static ReadOnlyMemory<byte> LastData(ReadOnlyMemory<byte> frames)
    {
        var span = frames.Span;
        var result = ReadOnlyMemory<byte>.Empty;
        var start = 0;
        while (start < span.Length)
        {
            var end = span[start..].IndexOf((byte)'\n');
            var lineLength = end < 0 ? span.Length - start : end;
            var line = span.Slice(start, lineLength);
            if (line.StartsWith(DataPrefix))
            {
                var offset = DataPrefix.Length + (line.Length > DataPrefix.Length && line[DataPrefix.Length] == (byte)' ' ? 1 : 0);
                var payloadLength = lineLength - offset;
                if (payloadLength > 0 && line[^1] == (byte)'\r')
                {
                    payloadLength--;
                }

                result = frames.Slice(start + offset, payloadLength);
            }

            start += lineLength + 1;
        }

        return result;
    }
}
