using ModelContextProtocol;

namespace McpResource.Endpoints;

/// <summary>A request the endpoint refuses before any MCP server sees it: the HTTP status and the JSON-RPC error to send.</summary>
public sealed record EndpointError(int StatusCode, McpErrorCode Code, string Message);
