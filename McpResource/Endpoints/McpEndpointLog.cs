namespace McpResource.Endpoints;

/// <summary>The MCP endpoint's log events (never a token: only subjects, clients, tools and scopes).</summary>
public sealed partial class McpEndpointLog(ILogger<McpEndpointLog> logger)
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Tool call {Tool} refused for {Subject} (client {ClientId}): needs {NeededScopes}, has {Scopes}")]
    public partial void InsufficientScope(string tool, string subject, string? clientId, IEnumerable<string> neededScopes, IEnumerable<string> scopes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tool call {Tool} refused for client {ClientId}: it acts on a user's data and no user token was sent")]
    public partial void UserRequired(string tool, string? clientId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "MCP request refused with 401 ({Error}): {Description}")]
    public partial void Unauthorized(string error, string? description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MCP request answered 503: {Description}")]
    public partial void Unavailable(string? description);
}
