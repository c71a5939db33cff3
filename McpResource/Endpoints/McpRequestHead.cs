using McpResource.Authorization;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpResource.Endpoints;

/// <summary>
/// What the headers of a POST say before its body is read: the response format, the protocol version, and for a
/// client that repeats them in headers (<c>Mcp-Method</c>, <c>Mcp-Name</c>) the method and the tool called, so the
/// scope decision can be taken without reading the body.
/// </summary>
public sealed record McpRequestHead(ResponseFormat Format, string? ProtocolVersion, string? Method, string? ToolName)
{
    public static (McpRequestHead? Head, EndpointError? Error) Read(HttpRequest request)
    {
        var format = ResponseFormats.Negotiate(request.Headers.Accept);
        if (format == ResponseFormat.NotAcceptable)
        {
            return Refuse(StatusCodes.Status406NotAcceptable, "Not acceptable: Accept must include application/json or text/event-stream.");
        }

        if (!request.HasJsonContentType())
        {
            return Refuse(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type: send one JSON-RPC message as application/json.");
        }

        if (!TrySingle(request, McpHeaders.ProtocolVersion, out var version)
            || (version is not null && !McpProtocolVersions.Supported.Contains(version)))
        {
            return Refuse(StatusCodes.Status400BadRequest,
                $"Unsupported {McpHeaders.ProtocolVersion}: supported versions are {McpProtocolVersions.Describe()}.");
        }

        if (!TrySingle(request, McpHeaders.Method, out var method) || !TrySingle(request, McpHeaders.Name, out var name))
        {
            return Refuse(StatusCodes.Status400BadRequest, $"{McpHeaders.Method} and {McpHeaders.Name} may be sent once each.");
        }

        // Mcp-Name names a tool only for tools/call (other methods may use it for prompts or resources).
        var toolName = method is null or RequestMethods.ToolsCall ? name : null;
        return (new McpRequestHead(format, version, method, toolName), null);
    }

    /// <summary>The header/body consistency check: a header the client repeated must say what the body says.</summary>
    public EndpointError? Contradicts(JsonRpcMessage message)
    {
        var bodyMethod = (message as JsonRpcRequest)?.Method ?? (message as JsonRpcNotification)?.Method;
        if (Method is not null && !string.Equals(Method, bodyMethod, StringComparison.Ordinal))
        {
            return new EndpointError(StatusCodes.Status400BadRequest, McpErrorCode.HeaderMismatch,
                $"The {McpHeaders.Method} header does not match the method in the request body.");
        }

        var bodyTool = McpMessages.ToolName(message);
        if (ToolName is not null && bodyMethod == RequestMethods.ToolsCall && !string.Equals(ToolName, bodyTool, StringComparison.Ordinal))
        {
            return new EndpointError(StatusCodes.Status400BadRequest, McpErrorCode.HeaderMismatch,
                $"The {McpHeaders.Name} header does not match the tool named in the request body.");
        }

        return null;
    }

    private static bool TrySingle(HttpRequest request, string header, out string? value)
    {
        var values = request.Headers[header];
        value = values.Count == 1 && !string.IsNullOrWhiteSpace(values[0]) ? values[0]!.Trim() : null;
        return values.Count == 0 || value is not null;
    }

    private static (McpRequestHead?, EndpointError?) Refuse(int status, string message) =>
        (null, new EndpointError(status, McpErrorCode.InvalidRequest, message));
}
