using System.Net.Http.Json;
using System.Text.Json;

namespace ChatService.Tests.Infrastructure;

/// <summary>Calls of the chat API as a client would make them (snake_case JSON).</summary>
public static class ChatApiClient
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static async Task<Guid> CreateConversationAsync(this HttpClient client, CancellationToken cancellationToken, string? title = null)
    {
        using var response = await client.PostAsJsonAsync("/api/chat/conversations", new { title }, Json, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
        return body.GetProperty("id").GetGuid();
    }

    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, Guid conversation, string content, CancellationToken cancellationToken) =>
        client.PostAsJsonAsync($"/api/chat/conversations/{conversation}/messages", new { content }, Json, cancellationToken);

    public static async Task<JsonElement> AskAsync(this HttpClient client, Guid conversation, string content, CancellationToken cancellationToken)
    {
        using var response = await client.SendAsync(conversation, content, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    public static IReadOnlyList<string> Strings(this JsonElement element, string property) =>
        [.. element.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];
}
