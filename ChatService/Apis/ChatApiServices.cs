using ChatService.Conversations;
using ChatService.Options;
using Microsoft.Extensions.Options;

namespace ChatService.Apis;

/// <summary>What the chat endpoints need, bound with [AsParameters].</summary>
public sealed record ChatApiServices(
    ConversationStore Store,
    ConversationTurns Turns,
    IOptions<ChatServiceOptions> Options,
    ILogger<ConversationStore> Logger);
