namespace ChatService.Mcp;

public static class McpHeaderNames
{
    /// <summary>The end user's token passed on to McpResource next to the service token (the dual stream).</summary>
    public const string UserToken = "X-User-Token";
}
