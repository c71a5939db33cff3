using ChatService.Agent;
using ChatService.Data;

namespace ChatService.Conversations;

/// <summary>
/// Answering one user message: the message is already stored when the turn exists (so it is kept whatever happens
/// next), the user's MCP session is open (or the reason it is not), and the reply is stored when the agent is done.
/// </summary>
public sealed class ConversationTurn(
    ConversationStore store,
    ChatAgent agent,
    Conversation conversation,
    StoredMessage userMessage,
    AgentRequest request) : IAsyncDisposable
{
    public Conversation Conversation => conversation;

    public StoredMessage UserMessage => userMessage;

    public IAsyncEnumerable<AgentEvent> RunAsync(CancellationToken cancellationToken) => agent.RunAsync(request, cancellationToken);

    public Task<StoredMessage> SaveReplyAsync(AgentReply reply, CancellationToken cancellationToken) =>
        store.AddMessageAsync(conversation, MessageRoles.Assistant, reply.Content, reply.Details, cancellationToken);

    public ValueTask DisposeAsync() => request.Tools?.DisposeAsync() ?? ValueTask.CompletedTask;
}
