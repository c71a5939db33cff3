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

    [Fact]
    public async Task TheChatPageRenewsItsTokenWithTheRotatingRefreshTokenAndSignOutEndsIt()
    {
        using var page = await fixture.SignInPageAsync("alice", "password123", Ct);
        var first = await SessionTokenAsync(page);

        // Expired: the API refuses the old token, /session hands out a renewed one.
        await Task.Delay(ShortTokenFixture.AccessTokenLifetime + TimeSpan.FromSeconds(1.5), Ct);
        using (var expired = fixture.Api(first))
        using (var refused = await expired.GetAsync(new Uri("/api/chat/me", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        var second = await SessionTokenAsync(page);
        Assert.NotEqual(first, second);
        using (var api = fixture.Api(second))
        {
            var me = await api.GetFromJsonAsync<JsonElement>(new Uri("/api/chat/me", UriKind.Relative), Ct);
            Assert.Equal("alice", me.GetProperty("username").GetString());
        }

        // Two tabs asking at once share one renewal: AuthServer sees one use of the refresh token, not a replay
        // (a replay would revoke the whole grant and end the session).
        await Task.Delay(ShortTokenFixture.AccessTokenLifetime + TimeSpan.FromSeconds(1.5), Ct);
        var together = await Task.WhenAll(SessionTokenAsync(page), SessionTokenAsync(page));
        Assert.Equal(together[0], together[1]);
        var later = await SessionTokenAsync(page);
        using (var api = fixture.Api(later))
        using (var me = await api.GetAsync(new Uri("/api/chat/me", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }

        // Sign-out revokes the refresh token (and with it the grant's access tokens): nothing renews any more.
        using (var signOut = await page.PostAsync(new Uri("/signout", UriKind.Relative), null, Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        }

        using (var session = await page.GetAsync(new Uri("/session", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, session.StatusCode);
        }

        using (var api = fixture.Api(later))
        using (var revoked = await api.GetAsync(new Uri("/api/chat/me", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        }
    }

    private static async Task<string> SessionTokenAsync(HttpClient page)
    {
        var session = await page.GetFromJsonAsync<JsonElement>(new Uri("/session", UriKind.Relative), Ct);
        return session.GetProperty("access_token").GetString()!;
    }

}
