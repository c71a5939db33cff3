namespace McpResource.Tools;

public sealed record UserProfile(
    string Subject,
    string? Username,
    string? ClientId,
    IReadOnlyList<string> Scopes,
    bool IsAdmin,
    string ActingAs);
