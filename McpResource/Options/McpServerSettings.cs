using System.ComponentModel.DataAnnotations;

namespace McpResource.Options;

/// <summary>Settings of the MCP endpoint (section <c>McpResource</c>).</summary>
public sealed class McpServerSettings
{
    public const string SectionName = "McpResource";

    /// <summary>The RFC 9728 <c>resource_name</c>.</summary>
    [Required]
    public string ResourceName { get; set; } = "McpAspire help desk tools";

    /// <summary>Largest accepted request body on <c>/mcp</c>; larger bodies get 413.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Browser origins (scheme://host[:port]) allowed to call <c>/mcp</c>, e.g. the MCP Inspector's. A request with an
    /// Origin header that is neither this server's own origin nor listed here gets 403 (DNS-rebinding protection);
    /// requests without Origin (native clients, services) are not affected.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>
    /// Benchmark only: serve every call as an anonymous admin without checking any token. Refused in Production.
    /// </summary>
    public bool DisableAuthentication { get; set; }
}
