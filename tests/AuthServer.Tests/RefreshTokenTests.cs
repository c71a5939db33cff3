using System.Net;
using System.Threading.Channels;
using AuthServer.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Tests;

[Collection(AuthServerCollection.Name)]
public sealed class RefreshTokenTests(AuthServerFixture fixture)
{
    [Fact]
    public async Task RefreshRotatesTheRefreshTokenAndIssuesAFreshAccessToken()
    {
        using var flow = new CodeFlow(fixture);
        var first = await flow.SignInAsync("alice", "password123", "mcp:read mcp:write", TestSettings.McpResourceUri);

        var second = await flow.RefreshAsync(first.RefreshToken!);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.NotEqual(new JsonWebToken(first.AccessToken).Id, new JsonWebToken(second.AccessToken).Id);
        Assert.Equal([TestSettings.McpResourceUri], new JsonWebToken(second.AccessToken).Audiences);
        Assert.Equal("mcp:read mcp:write", second.Scope);
    }

    [Fact]
    public async Task ReusedRefreshTokenRevokesTheWholeFamilyAndPublishesTheRevocations()
    {
        using var flow = new CodeFlow(fixture);
        var first = await flow.SignInAsync("alice", "password123", "mcp:read", TestSettings.McpResourceUri);
        var second = await flow.RefreshAsync(first.RefreshToken!);
        var messages = Channel.CreateUnbounded<string>();
        var subscriber = fixture.Redis.GetSubscriber();
        await subscriber.SubscribeAsync("mcpaspire:revocations", (_, message) => messages.Writer.TryWrite(message!));
        try
        {
            var replay = await flow.RefreshAsync(first.RefreshToken!);

            Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
            Assert.Equal("invalid_grant", replay.Error);
            Assert.Equal("invalid_grant", (await flow.RefreshAsync(second.RefreshToken!)).Error);
            var (_, introspection) = await OAuthHttp.IntrospectAsync(flow.BackChannel, second.AccessToken!);
            Assert.False(introspection.GetProperty("active").GetBoolean());

            var expected = new HashSet<string> { new JsonWebToken(first.AccessToken).Id, new JsonWebToken(second.AccessToken).Id };
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            while (expected.Count > 0)
            {
                expected.Remove(await messages.Reader.ReadAsync(timeout.Token));
            }
        }
        finally
        {
            await subscriber.UnsubscribeAllAsync();
        }
    }

    [Fact]
    public async Task RefreshMayNarrowTheScopeButNotWidenIt()
    {
        using var flow = new CodeFlow(fixture);
        var first = await flow.SignInAsync("alice", "password123", "mcp:read mcp:write");

        var narrower = await flow.RefreshAsync(first.RefreshToken!, "mcp:read");
        var wider = await flow.RefreshAsync(narrower.RefreshToken!, "mcp:read mcp:admin");

        Assert.Equal("mcp:read", narrower.Scope);
        Assert.Equal("invalid_scope", wider.Error);
    }

    [Fact]
    public async Task RevokingTheRefreshTokenRevokesTheGrantsAccessTokens()
    {
        using var flow = new CodeFlow(fixture);
        var tokens = await flow.SignInAsync("alice", "password123", "mcp:read");

        var (response, _) = await OAuthHttp.PostFormAsync(flow.BackChannel, "/connect/revoke",
            [new("token", tokens.RefreshToken!), new("token_type_hint", "refresh_token"), new("client_id", "chat-web")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (_, introspection) = await OAuthHttp.IntrospectAsync(flow.BackChannel, tokens.AccessToken!);
        Assert.False(introspection.GetProperty("active").GetBoolean());
        Assert.Equal("invalid_grant", (await flow.RefreshAsync(tokens.RefreshToken!)).Error);
    }

    [Fact]
    public async Task ActiveRefreshTokenCanBeIntrospected()
    {
        using var flow = new CodeFlow(fixture);
        var tokens = await flow.SignInAsync("bob", "secret456", "mcp:read");

        var (_, body) = await OAuthHttp.IntrospectAsync(flow.BackChannel, tokens.RefreshToken!);

        Assert.True(body.GetProperty("active").GetBoolean());
        Assert.Equal("chat-web", body.GetProperty("client_id").GetString());
        Assert.Equal("mcp:read", body.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task UnknownRefreshTokenIsInvalidGrant()
    {
        using var flow = new CodeFlow(fixture);

        var result = await flow.RefreshAsync("made-up-refresh-token");

        Assert.Equal(HttpStatusCode.BadRequest, result.StatusCode);
        Assert.Equal("invalid_grant", result.Error);
    }
}
