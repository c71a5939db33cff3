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
        var history = await store.RecentMessagesAsync(conversation.Id, ChatLimits.HistoryMessages, cancellationToken);
        var userMessage = await store.AddMessageAsync(conversation, MessageRoles.User, text, null, cancellationToken);

        McpToolSession? tools = null;
        string? unavailable = null;
        if (!user.TokenCoversTools)
        {
            unavailable = "the user's sign-in was not issued for the help desk tools (McpResource audience missing)";
        }
        else
        {
            try
            {
                tools = await connector.ConnectAsync(user.Token, cancellationToken);
            }
            catch (McpUnavailableException ex)
            {
                unavailable = ex.Message;
                LogToolsUnavailable(logger, ex.Message);
            }
        }

        var context = history.Select(m => new ChatMessage(m.Role == MessageRoles.User ? ChatRole.User : ChatRole.Assistant, m.Content)).ToList();
        return new ConversationTurn(store, agent, conversation, userMessage, new AgentRequest(context, text, tools, unavailable));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answering without tools: {Reason}")]
    private static partial void LogToolsUnavailable(ILogger logger, string reason);
}
