namespace McpResource.Tools;

public sealed record SystemHealth(string Status, string Database, int ActiveIntegrations, string Version, DateTimeOffset CheckedAt);
