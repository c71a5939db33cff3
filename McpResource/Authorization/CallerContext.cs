namespace McpResource.Authorization;

/// <summary>The caller of the current request (scoped), set by the MCP endpoint before any tool runs.</summary>
public sealed class CallerContext
{
    private McpCaller? _caller;

    public McpCaller Caller
    {
        get => _caller ?? throw new InvalidOperationException("The MCP caller has not been resolved for this request.");
        set => _caller = value;
    }
}
