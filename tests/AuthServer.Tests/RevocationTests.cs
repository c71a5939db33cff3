using System.Net;
using System.Threading.Channels;
using AuthServer.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Tests;

[Collection(AuthServerCollection.Name)]
public sealed class RevocationTests(AuthServerFixture fixture)
{
    [Fact]
    public async Task RevokedAccessTokenIsInactiveAndItsJtiIsPublished()
    {
        using var client = fixture.CreateClient();
        var (_, issued) = await OAuthHttp.ClientCredentialsAsync(client, "mcp:read");
        var accessToken = issued.GetProperty("access_token").GetString()!;
        var jti = new JsonWebToken(accessToken).Id;
        var messages = Channel.CreateUnbounded<string>();
        var subscriber = fixture.Redis.GetSubscriber();
        await subscriber.SubscribeAsync("mcpaspire:revocations", (_, message) => messages.Writer.TryWrite(message!));
        try
        {
            var (response, _) = await OAuthHttp.PostFormAsync(client, "/connect/revoke",
                [new("token", accessToken), new("token_type_hint", "access_token")], ("chat-service", TestSettings.ChatServiceSecret));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var (_, introspection) = await OAuthHttp.IntrospectAsync(client, accessToken);
            Assert.False(introspection.GetProperty("active").GetBoolean());
            Assert.Equal(jti, await ReadUntilAsync(messages.Reader, jti));
        }
        finally
        {
            await subscriber.UnsubscribeAllAsync();
        }
    }

    [Fact]
    public async Task UnknownTokenIsAnswered200()
    {
        using var client = fixture.CreateClient();
        var (response, _) = await OAuthHttp.PostFormAsync(client, "/connect/revoke",
            [new("token", "no-such-token")], ("chat-service", TestSettings.ChatServiceSecret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnotherClientCannotRevokeTheToken()
    {
        using var client = fixture.CreateClient();
        var (_, issued) = await OAuthHttp.ClientCredentialsAsync(client, "mcp:read");
        var accessToken = issued.GetProperty("access_token").GetString()!;

        var (response, body) = await OAuthHttp.PostFormAsync(client, "/connect/revoke",
            [new("token", accessToken)], ("mcp-resource", TestSettings.McpResourceSecret));
        var (_, introspection) = await OAuthHttp.IntrospectAsync(client, accessToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unauthorized_client", body.Error());
        Assert.True(introspection.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task UnauthenticatedRevocationIsInvalidClient()
    {
        using var client = fixture.CreateClient();
        var (response, body) = await OAuthHttp.PostFormAsync(client, "/connect/revoke", [new("token", "x")]);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body.Error());
    }

    private static async Task<string> ReadUntilAsync(ChannelReader<string> reader, string expected)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        while (true)
        {
            var message = await reader.ReadAsync(timeout.Token);
            if (message == expected)
            {
                return message;
            }
        }
    }
}
