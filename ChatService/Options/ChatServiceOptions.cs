using System.ComponentModel.DataAnnotations;

namespace ChatService.Options;

/// <summary>Section <c>ChatService</c>: where the tools live and what the service asks for to call them.</summary>
public sealed class ChatServiceOptions
{
    public const string SectionName = "ChatService";

    /// <summary>McpResource's canonical resource URI: the MCP endpoint and the <c>resource</c> of the service token.</summary>
    [Required]
    public Uri? McpResourceUri { get; set; }

    /// <summary>Scopes asked for in the client-credentials grant (the user's token narrows each call further).</summary>
    public string ServiceScopes { get; set; } = "mcp:read mcp:write mcp:tools mcp:admin";

    /// <summary>How long connecting to McpResource (discovery and tools/list) may take before the tools count as unavailable.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan McpConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
