using ChatService.Mcp;
using Microsoft.Extensions.AI;

namespace ChatService.Agent;

/// <summary>
/// One user message to answer: the conversation so far, the new text, and the user's MCP session (null when the tools
/// cannot be reached, with the reason in <paramref name="ToolsUnavailableReason"/>).
/// </summary>
public sealed record AgentRequest(
    IReadOnlyList<ChatMessage> History,
    string UserText,
    McpToolSession? Tools,
    string? ToolsUnavailableReason);
