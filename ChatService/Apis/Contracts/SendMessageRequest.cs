namespace ChatService.Apis.Contracts;

/// <summary>Body of POST /api/chat/conversations/{id}/messages (and .../messages/stream).</summary>
public sealed record SendMessageRequest(string? Content);
