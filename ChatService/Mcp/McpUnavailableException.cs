namespace ChatService.Mcp;

/// <summary>The tools could not be reached for this reply; the assistant answers without them.</summary>
public sealed class McpUnavailableException : Exception
{
    public McpUnavailableException()
    {
    }

    public McpUnavailableException(string message)
        : base(message)
    {
    }

    public McpUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
