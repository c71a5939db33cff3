namespace ChatService.Agent;

/// <summary>How one tool call ended (also the <c>outcome</c> tag of the tool-call metric).</summary>
public static class ToolOutcomes
{
    public const string Success = "success";

    /// <summary>The tool ran and reported an error (bad argument, ticket not found...).</summary>
    public const string ToolError = "tool_error";

    /// <summary>The user (or the service) lacks the permission; nothing was changed.</summary>
    public const string Refused = "refused";

    /// <summary>McpResource could not be reached.</summary>
    public const string Unavailable = "unavailable";
}
