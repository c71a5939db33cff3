using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatService.Tests.Infrastructure;

namespace ChatService.Tests;

[Collection(ChatCollection.Name)]
public sealed class ChatApiTests(ChatFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AliceAsksForATicketAndItIsCreatedAsAliceThroughTheTools()
    {
        using var alice = fixture.ClientFor(fixture.Chat, "alice", "mcp:read mcp:write");
        var conversation = await alice.CreateConversationAsync(Ct);

        var reply = await alice.AskAsync(conversation, "Open a ticket: VPN drops every hour", Ct);

        var ticket = Assert.Single(fixture.Mcp.Tickets, t => t.Title == "VPN drops every hour");
        Assert.Equal("sub-alice", ticket.Owner);
        Assert.Equal(["create_ticket"], reply.Strings("tools_used"));
        Assert.Equal([ticket.Id], reply.GetProperty("ticket_references").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Contains($"#{ticket.Id}", reply.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.False(reply.GetProperty("tools_unavailable").GetBoolean());
    }

    [Fact]
    public async Task BobsWriteRequestIsAnsweredWithThePermissionMessageAndChangesNothing()
    {
        using var bob = fixture.ClientFor(fixture.Chat, "bob", "mcp:read");
        var conversation = await bob.CreateConversationAsync(Ct);

        var reply = await bob.AskAsync(conversation, "Create a ticket titled Printer on fire", Ct);

        Assert.Contains("permission", reply.GetProperty("content").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(reply.Strings("tools_used"));
        Assert.DoesNotContain(fixture.Mcp.Tickets, t => t.Owner == "sub-bob" || t.Title == "Printer on fire");
        Assert.Contains(reply.Strings("suggested_actions"), a => a.Contains("permission", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListingTicketsShowsTheUsersOwnTicketsFromTheTool()
    {
        using var carol = fixture.ClientFor(fixture.Chat, "carol", "mcp:read mcp:write");
        var conversation = await carol.CreateConversationAsync(Ct);
        await carol.AskAsync(conversation, "Create a ticket titled Laptop battery swelling, high priority", Ct);

        var reply = await carol.AskAsync(conversation, "list my tickets", Ct);

        var content = reply.GetProperty("content").GetString()!;
        Assert.Contains("Laptop battery swelling", content, StringComparison.Ordinal);
        Assert.Equal(["list_tickets"], reply.Strings("tools_used"));
        var ticket = Assert.Single(fixture.Mcp.Tickets, t => t.Owner == "sub-carol");
        Assert.Equal("high", ticket.Priority);
        Assert.Equal([ticket.Id], reply.GetProperty("ticket_references").EnumerateArray().Select(e => e.GetInt64()));
    }

    [Fact]
    public async Task AUserCannotSeeListSendToOrDeleteAnotherUsersConversation()
    {
        using var alice = fixture.ClientFor(fixture.Chat, "alice", "mcp:read mcp:write");
        using var bob = fixture.ClientFor(fixture.Chat, "bob", "mcp:read");
        var conversation = await alice.CreateConversationAsync(Ct, "Alice's private chat");

        using var get = await bob.GetAsync($"/api/chat/conversations/{conversation}", Ct);
        using var send = await bob.SendAsync(conversation, "list my tickets", Ct);
        using var delete = await bob.DeleteAsync($"/api/chat/conversations/{conversation}", Ct);
        var bobsList = await bob.GetFromJsonAsync<JsonElement>("/api/chat/conversations", Ct);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal("application/problem+json", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, send.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.DoesNotContain(bobsList.EnumerateArray(), c => c.GetProperty("id").GetGuid() == conversation);
        using var stillThere = await alice.GetAsync($"/api/chat/conversations/{conversation}", Ct);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
    }

    [Fact]
    public async Task AConversationKeepsItsMessagesWithWhatEachReplyDidAndIsNamedAfterTheFirstMessage()
    {
        using var dave = fixture.ClientFor(fixture.Chat, "dave", "mcp:read");
        var conversation = await dave.CreateConversationAsync(Ct);
        await dave.AskAsync(conversation, "What integrations are available?", Ct);

        var detail = await dave.GetFromJsonAsync<JsonElement>($"/api/chat/conversations/{conversation}", Ct);

        Assert.Equal("What integrations are available?", detail.GetProperty("title").GetString());
        var messages = detail.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["user", "assistant"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(["get_active_integrations"], messages[1].Strings("tools_used"));
        Assert.Contains("GitHub", messages[1].GetProperty("content").GetString(), StringComparison.Ordinal);
        var list = await dave.GetFromJsonAsync<JsonElement>("/api/chat/conversations", Ct);
        Assert.Contains(list.EnumerateArray(), c => c.GetProperty("id").GetGuid() == conversation);
    }

    [Fact]
    public async Task DeletingAConversationRemovesItAndItsMessages()
    {
        using var erin = fixture.ClientFor(fixture.Chat, "erin", "mcp:read");
        var conversation = await erin.CreateConversationAsync(Ct);
        await erin.AskAsync(conversation, "help", Ct);

        using var delete = await erin.DeleteAsync($"/api/chat/conversations/{conversation}", Ct);
        using var get = await erin.GetAsync($"/api/chat/conversations/{conversation}", Ct);

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task AMessageTheAssistantDoesNotUnderstandGetsTheListOfWhatItCanDo()
    {
        using var frank = fixture.ClientFor(fixture.Chat, "frank", "mcp:read");
        var conversation = await frank.CreateConversationAsync(Ct);

        var reply = await frank.AskAsync(conversation, "Sing me a song", Ct);

        Assert.Contains("List my tickets", reply.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Empty(reply.Strings("tools_used"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task AnEmptyMessageIsAValidationProblem(string content)
    {
        using var gina = fixture.ClientFor(fixture.Chat, "gina", "mcp:read");
        var conversation = await gina.CreateConversationAsync(Ct);

        using var response = await gina.SendAsync(conversation, content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("content", out _));
    }

    [Fact]
    public async Task AMalformedBodyIsA400NotA500()
    {
        using var gina = fixture.ClientFor(fixture.Chat, "gina", "mcp:read");
        var conversation = await gina.CreateConversationAsync(Ct);

        using var response = await gina.PostAsync($"/api/chat/conversations/{conversation}/messages",
            new StringContent("{\"content\": ", System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task WithoutATokenOrWithAnExpiredOneTheApiAnswers401BeforeDoingAnything()
    {
        using var anonymous = fixture.Chat.CreateClient();
        var expired = fixture.Auth.IssueUserToken("sub-alice", "alice", "mcp:read mcp:write",
            [ChatFixture.ChatAudience, fixture.Mcp.Uri], TimeSpan.FromSeconds(-1));
        using var stale = fixture.Chat.CreateClient();
        stale.DefaultRequestHeaders.Authorization = new("Bearer", expired);
        var toolCalls = fixture.Mcp.ToolCalls;

        using var noToken = await anonymous.GetAsync("/api/chat/conversations", Ct);
        using var expiredToken = await stale.PostAsJsonAsync("/api/chat/conversations", new { title = "x" }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expiredToken.StatusCode);
        Assert.Equal(toolCalls, fixture.Mcp.ToolCalls);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheChatApi()
    {
        using var client = fixture.Chat.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/chat/conversations", out _));
        Assert.True(paths.TryGetProperty("/api/chat/conversations/{id}/messages/stream", out _));
    }
}
