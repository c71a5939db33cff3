using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatService.Tests.Infrastructure;

namespace ChatService.Tests.WholeApp;

/// <summary>
/// The whole app from the AppHost's model: users sign in to the chat page through AuthServer's real login and consent
/// pages (authorization code + PKCE), and the assistant's tools run in McpResource as them.
/// </summary>
[Collection(WholeAppCollection.Name)]
public sealed class WholeAppChatTests(WholeAppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AlicesChatCreatesATicketThatMcpResourceStoresAsAlice()
    {
        using var alice = await fixture.SignedInApiAsync("alice", "password123", Ct);
        var me = await alice.GetFromJsonAsync<JsonElement>("/api/chat/me", Ct);
        var conversation = await alice.CreateConversationAsync(Ct);
        var title = "VPN drops every hour " + Guid.NewGuid().ToString("N")[..6];

        var reply = await alice.AskAsync(conversation, $"Open a ticket: {title}", Ct);

        Assert.Equal(["create_ticket"], reply.Strings("tools_used"));
        Assert.False(reply.GetProperty("tools_unavailable").GetBoolean());
        var ticket = Assert.Single(reply.GetProperty("ticket_references").EnumerateArray()).GetInt64();
        Assert.Contains($"#{ticket}", reply.GetProperty("content").GetString(), StringComparison.Ordinal);
        var owner = Assert.Single(await fixture.TicketOwnersAsync(title, Ct));
        Assert.Equal(me.GetProperty("sub").GetString(), owner.Sub);
        Assert.Equal("alice", owner.Name);
        var listed = await alice.AskAsync(conversation, "list my tickets", Ct);
        Assert.Contains(title, listed.GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BobsWriteRequestGetsThePermissionAnswerAndNoTicketIsCreated()
    {
        using var bob = await fixture.SignedInApiAsync("bob", "secret456", Ct);
        var conversation = await bob.CreateConversationAsync(Ct);
        var title = "Bob's ticket " + Guid.NewGuid().ToString("N")[..6];

        var reply = await bob.AskAsync(conversation, $"Open a ticket: {title}", Ct);

        Assert.Contains("permission", reply.GetProperty("content").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(reply.Strings("tools_used"));
        Assert.Empty(reply.GetProperty("ticket_references").EnumerateArray());
        Assert.Empty(await fixture.TicketOwnersAsync(title, Ct));
        var read = await bob.AskAsync(conversation, "What integrations are available?", Ct);
        Assert.Equal(["get_active_integrations"], read.Strings("tools_used"));
    }

    [Fact]
    public async Task BobCannotSeeAlicesConversation()
    {
        using var alice = await fixture.SignedInApiAsync("alice", "password123", Ct);
        using var bob = await fixture.SignedInApiAsync("bob", "secret456", Ct);
        var conversation = await alice.CreateConversationAsync(Ct, "alice only");

        using var read = await bob.GetAsync(new Uri($"/api/chat/conversations/{conversation}", UriKind.Relative), Ct);
        using var send = await bob.SendAsync(conversation, "What integrations are available?", Ct);
        using var delete = await bob.DeleteAsync(new Uri($"/api/chat/conversations/{conversation}", UriKind.Relative), Ct);
        var bobsList = await bob.GetFromJsonAsync<JsonElement>("/api/chat/conversations", Ct);
        using var own = await alice.GetAsync(new Uri($"/api/chat/conversations/{conversation}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, send.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.DoesNotContain(bobsList.EnumerateArray(), c => c.GetProperty("id").GetGuid() == conversation);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task AnInvalidOrRevokedUserTokenIsRefusedWith401BeforeAnyWork()
    {
        var token = await fixture.SignInAsync("alice", "password123", Ct);
        using var alice = fixture.Api(token);
        var conversation = await alice.CreateConversationAsync(Ct);

        // A token with a changed signature is not one AuthServer issued.
        using var forged = fixture.Api(token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA"));
        using var forgedSend = await forged.SendAsync(conversation, "Open a ticket: forged", Ct);

        // Revoked at AuthServer (RFC 7009, as the public chat-web client): the revocation event evicts it at once.
        using var revoke = await new HttpClient().PostAsync(
            new Uri(fixture.GetEndpoint("auth-server"), "/connect/revoke"),
            new FormUrlEncodedContent([new("token", token), new("token_type_hint", "access_token"), new("client_id", "chat-web")]), Ct);
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        var title = "After revocation " + Guid.NewGuid().ToString("N")[..6];
        var status = HttpStatusCode.OK;
        for (var attempt = 0; attempt < 20 && status != HttpStatusCode.Unauthorized; attempt++)
        {
            using var listed = await alice.GetAsync(new Uri("/api/chat/conversations", UriKind.Relative), Ct);
            status = listed.StatusCode;
            if (status != HttpStatusCode.Unauthorized)
            {
                await Task.Delay(100, Ct);
            }
        }

        using var revokedSend = await alice.SendAsync(conversation, $"Open a ticket: {title}", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, forgedSend.StatusCode);
        Assert.Contains(forgedSend.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(HttpStatusCode.Unauthorized, revokedSend.StatusCode);
        Assert.Empty(await fixture.TicketOwnersAsync(title, Ct));
    }

    [Fact]
    public async Task WithMcpResourceStoppedTheReplyIs200FlaggedToolsUnavailableAndToolsReturnWhenItIsBack()
    {
        using var alice = await fixture.SignedInApiAsync("alice", "password123", Ct);
        var conversation = await alice.CreateConversationAsync(Ct);
        var title = "While the tools are down " + Guid.NewGuid().ToString("N")[..6];

        await fixture.App.StopResourceAsync("mcp-resource", Ct);
        JsonElement reply;
        try
        {
            reply = await alice.AskAsync(conversation, $"Open a ticket: {title}", Ct);
        }
        finally
        {
            await fixture.App.StartResourceAsync("mcp-resource", Ct);
        }

        Assert.True(reply.GetProperty("tools_unavailable").GetBoolean());
        Assert.Empty(reply.Strings("tools_used"));
        Assert.Contains("unavailable", reply.GetProperty("content").GetString(), StringComparison.OrdinalIgnoreCase);
        var stored = await alice.GetFromJsonAsync<JsonElement>($"/api/chat/conversations/{conversation}", ChatApiClient.Json, Ct);
        Assert.Contains(stored.GetProperty("messages").EnumerateArray(), m => m.GetProperty("content").GetString()!.Contains(title, StringComparison.Ordinal));

        // Back: the same conversation gets tool answers again (the circuit breaker may hold calls back for a moment).
        await fixture.WaitHealthyAsync("mcp-resource", TimeSpan.FromSeconds(90), Ct);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        JsonElement again;
        do
        {
            again = await alice.AskAsync(conversation, "What integrations are available?", Ct);
            if (!again.GetProperty("tools_unavailable").GetBoolean())
            {
                break;
            }

            await Task.Delay(1000, Ct);
        }
        while (DateTime.UtcNow < deadline);

        Assert.False(again.GetProperty("tools_unavailable").GetBoolean());
        Assert.Equal(["get_active_integrations"], again.Strings("tools_used"));
    }
}
