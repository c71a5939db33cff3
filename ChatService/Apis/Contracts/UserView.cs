namespace ChatService.Apis.Contracts;

/// <summary>The signed-in user as the chat API sees them; <paramref name="ToolsAllowed"/> is whether their token also names McpResource.</summary>
public sealed record UserView(string Sub, string? Username, IReadOnlyList<string> Scopes, bool ToolsAllowed);
