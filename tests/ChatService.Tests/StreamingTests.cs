using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatService.Tests.Infrastructure;

namespace ChatService.Tests;

[Collection(ChatCollection.Name)]
public sealed class StreamingTests(ChatFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheStreamedReplyReportsTheToolThenTheTextThenTheStoredReply()
    {
        using var alice = fixture.ClientFor(fixture.Chat, "alice", "mcp:read mcp:write");
        var conversation = await alice.CreateConversationAsync(Ct);

        using var response = await alice.PostAsJsonAsync($"/api/chat/conversations/{conversation}/messages/stream",
            new { content = "Create a ticket titled Streamed ticket with a fairly long title to split" }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = ParseEvents(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(("tool", "create_ticket", "started"), (events[0].Name, events[0].Data.GetProperty("name").GetString(), events[0].Data.GetProperty("status").GetString()));
        Assert.Equal("success", events[1].Data.GetProperty("status").GetString());
        var deltas = events.Where(e => e.Name == "delta").Select(e => e.Data.GetProperty("text").GetString()).ToList();
        Assert.True(deltas.Count > 1, "the reply text arrives in pieces");
        var done = events[^1];
        Assert.Equal("done", done.Name);
        Assert.Equal(string.Concat(deltas).Trim(), done.Data.GetProperty("content").GetString());
        Assert.Equal(["create_ticket"], done.Data.Strings("tools_used"));

        var detail = await alice.GetFromJsonAsync<JsonElement>($"/api/chat/conversations/{conversation}", Ct);
        Assert.Equal(2, detail.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task AFailingModelBeforeTheFirstEventIsA503ProblemNotAStream()
    {
        await using var model = await FakeModelEndpoint.StartAsync(Ct);
        model.Failing = true;
        var chat = fixture.CreateChat(s =>
        {
            s["ChatService:Agent:Provider"] = "openai";
            s["ChatService:Agent:Endpoint"] = model.Endpoint;
            s["ChatService:Agent:Model"] = "fake-model";
        });
        using var alice = fixture.ClientFor(chat, "alice", "mcp:read");
        var conversation = await alice.CreateConversationAsync(Ct);

        using var response = await alice.PostAsJsonAsync($"/api/chat/conversations/{conversation}/messages/stream", new { content = "hello" }, Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static List<(string Name, JsonElement Data)> ParseEvents(string body) =>
        [.. body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(frame =>
        {
            var lines = frame.Split('\n');
            var name = lines.Single(l => l.StartsWith("event: ", StringComparison.Ordinal))[7..];
            var data = lines.Single(l => l.StartsWith("data: ", StringComparison.Ordinal))[6..];
            return (name, JsonSerializer.Deserialize<JsonElement>(data));
        })];
}
