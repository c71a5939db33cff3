namespace McpResource.Authorization;

public static class McpHeaders
{
    /// <summary>The end user's token in a dual-stream call (service token in <c>Authorization</c>).</summary>
    public const string UserToken = McpAspire.ServiceDefaults.Authentication.IntrospectionDefaults.UserTokenHeader;

    public const string ProtocolVersion = "MCP-Protocol-Version";

    /// <summary>The JSON-RPC method a client repeats in a header (2026-07-28 clients).</summary>
    public const string Method = "Mcp-Method";

    /// <summary>The tool name a client repeats in a header for <c>tools/call</c> (2026-07-28 clients).</summary>
    public const string Name = "Mcp-Name";
}
