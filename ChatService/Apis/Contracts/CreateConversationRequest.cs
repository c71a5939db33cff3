namespace ChatService.Apis.Contracts;

/// <summary>Body of POST /api/chat/conversations; without a title the first message names the conversation.</summary>
public sealed record CreateConversationRequest(string? Title);
