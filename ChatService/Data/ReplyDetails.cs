using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatService.Data;

/// <summary>What an assistant reply did besides its text; stored as JSON with the message.</summary>
public sealed record ReplyDetails(
    [property: JsonPropertyName("tools_used")] IReadOnlyList<string> ToolsUsed,
    [property: JsonPropertyName("ticket_references")] IReadOnlyList<long> TicketReferences,
    [property: JsonPropertyName("requires_escalation")] bool RequiresEscalation,
    [property: JsonPropertyName("suggested_actions")] IReadOnlyList<string> SuggestedActions,
    [property: JsonPropertyName("tools_unavailable")] bool ToolsUnavailable)
{
    public static readonly ReplyDetails None = new([], [], false, [], false);

    public string ToJson() => JsonSerializer.Serialize(this);

    public static ReplyDetails FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? None : JsonSerializer.Deserialize<ReplyDetails>(json) ?? None;
}
