using ChatService.Agent;
using ChatService.Data;
using ChatService.Mcp;
using Microsoft.Extensions.AI;

namespace ChatService.Conversations;

/// <summary>Starts a <see cref="ConversationTurn"/>: stores the user's message, reads the context, connects to the tools.</summary>
public sealed partial class ConversationTurns(
    ConversationStore store,
    ChatAgent agent,
    McpToolConnector connector,
    ILogger<ConversationTurns> logger)
{
    public async Task<ConversationTurn> BeginAsync(Conversation conversation, ChatUser user, string text, CancellationToken cancellationToken)
    {
        // Connecting to the tools (discovery, tools/list) needs no database: it runs while the message is stored.
        var connecting = user.TokenCoversTools ? ConnectAsync(user, cancellationToken) : null;
        try
        {
            var history = await store.RecentMessagesAsync(conversation.Id, ChatLimits.HistoryMessages, cancellationToken);
            var userMessage = await store.AddMessageAsync(conversation, MessageRoles.User, text, null, cancellationToken);
            var (tools, unavailable) = connecting is null
                ? (null, "the user's sign-in was not issued for the help desk tools (McpResource audience missing)")
                : await connecting;

            var context = history.Select(m => new ChatMessage(m.Role == MessageRoles.User ? ChatRole.User : ChatRole.Assistant, m.Content)).ToList();
            return new ConversationTurn(store, agent, conversation, userMessage, new AgentRequest(context, text, tools, unavailable));
        }
        catch when (connecting is not null)
        {
            // The database failed: do not leave the MCP session open.
            var (tools, _) = await connecting;
            if (tools is not null)
            {
                await tools.DisposeAsync();
            }

            throw;
        }
    }

    private async Task<(McpToolSession? Tools, string? Unavailable)> ConnectAsync(ChatUser user, CancellationToken cancellationToken)
    {
        try
        {
            return (await connector.ConnectAsync(user.Token, cancellationToken), null);
        }
        catch (McpUnavailableException ex)
        {
            LogToolsUnavailable(logger, ex.Message);
            return (null, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answering without tools: {Reason}")]
    private static partial void LogToolsUnavailable(ILogger logger, string reason);
}
