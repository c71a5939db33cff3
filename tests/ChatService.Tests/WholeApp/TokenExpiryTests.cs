using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatService.Tests.Infrastructure;

namespace ChatService.Tests.WholeApp;

/// <summary>Tokens that expire, against the whole app: the user's is refused, the service's is renewed unseen.</summary>
[Collection(ShortTokenCollection.Name)]
public sealed class TokenExpiryTests(ShortTokenFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnExpiredUserTokenGets401BeforeAnyWorkAndTheMessageIsNotStored()
    {
        using var alice = await fixture.SignedInApiAsync("alice", "password123", Ct);
        var signedInAt = DateTime.UtcNow; // the token was issued before this moment, so it has expired by the wait's end
        var conversation = await alice.CreateConversationAsync(Ct);
        var text = "Open a ticket: sent with an expired token " + Guid.NewGuid().ToString("N")[..6];

        await Task.Delay(signedInAt + ShortTokenFixture.AccessTokenLifetime + TimeSpan.FromSeconds(1.5) - DateTime.UtcNow, Ct);
        using var send = await alice.SendAsync(conversation, text, Ct);
        using var list = await alice.GetAsync(new Uri("/api/chat/conversations", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, send.StatusCode);
        Assert.Contains(send.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        using var again = await fixture.SignedInApiAsync("alice", "password123", Ct);
        var stored = await again.GetFromJsonAsync<JsonElement>($"/api/chat/conversations/{conversation}", ChatApiClient.Json, Ct);
        Assert.Empty(stored.GetProperty("messages").EnumerateArray());
        Assert.Empty(await fixture.TicketOwnersAsync(text["Open a ticket: ".Length..], Ct));
    }

    [Fact]
    public async Task TheServiceTokenIsRenewedUnseenWhenItsLifetimeEnds()
    {
        using (var alice = await fixture.SignedInApiAsync("alice", "password123", Ct))
        {
            var first = await alice.AskAsync(await alice.CreateConversationAsync(Ct), "What integrations are available?", Ct);
            Assert.Equal(["get_active_integrations"], first.Strings("tools_used"));
        }

        // Longer than a service token lives: the next message needs a new one.
        await Task.Delay(ShortTokenFixture.AccessTokenLifetime + TimeSpan.FromSeconds(1), Ct);
        using var later = await fixture.SignedInApiAsync("alice", "password123", Ct);
        var title = "After the service token expired " + Guid.NewGuid().ToString("N")[..6];
        var reply = await later.AskAsync(await later.CreateConversationAsync(Ct), $"Open a ticket: {title}", Ct);

        Assert.False(reply.GetProperty("tools_unavailable").GetBoolean());
        Assert.Equal(["create_ticket"], reply.Strings("tools_used"));
        Assert.Equal("alice", Assert.Single(await fixture.TicketOwnersAsync(title, Ct)).Name);
    }
}
