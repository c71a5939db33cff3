namespace McpResource.Endpoints;

/// <summary>The MCP protocol versions this endpoint serves (those the SDK's server implements).</summary>
public static class McpProtocolVersions
{
    public static readonly IReadOnlySet<string> Supported =
        new HashSet<string>(["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28"], StringComparer.Ordinal);

    public static string Describe() => string.Join(", ", Supported.Order(StringComparer.Ordinal));
}
