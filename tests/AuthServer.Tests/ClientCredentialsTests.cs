using System.Net;
using AuthServer.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Tests;

[Collection(AuthServerCollection.Name)]
public sealed class ClientCredentialsTests(AuthServerFixture fixture)
{
    [Fact]
    public async Task ConfidentialClientGetsAnAccessTokenForTheMcpResource()
    {
        using var client = fixture.CreateClient();
        var (response, body) = await OAuthHttp.ClientCredentialsAsync(client, "mcp:read mcp:tools", TestSettings.McpResourceUri);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(900, body.GetProperty("expires_in").GetInt32());
        Assert.Equal("mcp:read mcp:tools", body.GetProperty("scope").GetString());
        Assert.False(body.TryGetProperty("refresh_token", out _));

        var token = new JsonWebToken(body.GetProperty("access_token").GetString());
        Assert.Equal("at+jwt", token.Typ);
        Assert.Equal(TestSettings.Issuer, token.Issuer);
        Assert.Equal("chat-service", token.Subject);
        Assert.Equal([TestSettings.McpResourceUri], token.Audiences);
        Assert.Equal("chat-service", token.GetPayloadValue<string>("client_id"));
        Assert.Equal("mcp:read mcp:tools", token.GetPayloadValue<string>("scope"));
        Assert.False(string.IsNullOrEmpty(token.Id));
        Assert.Equal(TimeSpan.FromMinutes(15), token.ValidTo - token.IssuedAt);
    }

    [Fact]
    public async Task WithoutResourceTheAudienceFollowsFromTheScopes()
    {
        using var client = fixture.CreateClient();
        var (_, body) = await OAuthHttp.ClientCredentialsAsync(client, "mcp:write");

        var token = new JsonWebToken(body.GetProperty("access_token").GetString());
        Assert.Equal([TestSettings.McpResourceUri], token.Audiences);
    }

    [Fact]
    public async Task WithoutScopeTheClientGetsEveryScopeItIsAllowed()
    {
        using var client = fixture.CreateClient();
        var (_, body) = await OAuthHttp.ClientCredentialsAsync(client);

        Assert.Equal("mcp:admin mcp:read mcp:tools mcp:write", body.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task ClientSecretPostAuthenticatesToo()
    {
        using var client = fixture.CreateClient();
        var (response, _) = await OAuthHttp.PostFormAsync(client, "/connect/token",
        [
            new("grant_type", "client_credentials"), new("client_id", "chat-service"), new("client_secret", TestSettings.ChatServiceSecret),
        ]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task WrongSecretIsInvalidClientWith401AndABasicChallenge()
    {
        using var client = fixture.CreateClient();
        var (response, body) = await OAuthHttp.PostFormAsync(client, "/connect/token",
            [new("grant_type", "client_credentials")], ("chat-service", "not-the-secret"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body.Error());
        Assert.Contains("Basic", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret", body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownClientIsInvalidClient()
    {
        using var client = fixture.CreateClient();
        var (response, body) = await OAuthHttp.PostFormAsync(client, "/connect/token",
            [new("grant_type", "client_credentials")], ("nobody", "whatever"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body.Error());
    }

    [Theory]
    [InlineData("chat-web", null)]
    [InlineData("mcp-resource", TestSettings.McpResourceSecret)]
    public async Task ClientWithoutTheGrantIsUnauthorizedClient(string clientId, string? secret)
    {
        using var client = fixture.CreateClient();
        var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials"), new("client_id", clientId) };
        if (secret is not null)
        {
            form.Add(new("client_secret", secret));
        }

        var (response, body) = await OAuthHttp.PostFormAsync(client, "/connect/token", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unauthorized_client", body.Error());
    }

    [Theory]
    [InlineData("mcp:read unknown:scope")]
    [InlineData("openid")]
    public async Task ScopeTheClientMayNotHaveIsInvalidScope(string scope)
    {
        using var client = fixture.CreateClient();
        var (response, body) = await OAuthHttp.ClientCredentialsAsync(client, scope);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_scope", body.Error());
    }

    [Theory]
    [InlineData("http://127.0.0.1:5999/unknown")]
    [InlineData(TestSettings.ChatServiceUri)]
    [InlineData("not a uri")]
    [InlineData("http://127.0.0.1:5901/mcp#fragment")]
    public async Task UnknownOrForbiddenResourceIsInvalidTarget(string resource)
    {
        using var client = fixture.CreateClient();
        var (response, body) = await OAuthHttp.ClientCredentialsAsync(client, "mcp:read", resource);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_target", body.Error());
    }

    [Fact]
    public async Task UnknownGrantTypeIsUnsupportedGrantType()
    {
        using var client = fixture.CreateClient();
        var (response, body) = await OAuthHttp.PostFormAsync(client, "/connect/token",
            [new("grant_type", "password"), new("username", "alice"), new("password", "password123")], ("chat-service", TestSettings.ChatServiceSecret));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unsupported_grant_type", body.Error());
    }

    [Fact]
    public async Task MissingGrantTypeIsInvalidRequest()
    {
        using var client = fixture.CreateClient();
        var (response, body) = await OAuthHttp.PostFormAsync(client, "/connect/token", [], ("chat-service", TestSettings.ChatServiceSecret));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", body.Error());
    }

    [Fact]
    public async Task RepeatedParameterIsInvalidRequest()
    {
        using var client = fixture.CreateClient();
        var (response, body) = await OAuthHttp.PostFormAsync(client, "/connect/token",
            [new("grant_type", "client_credentials"), new("scope", "mcp:read"), new("scope", "mcp:admin")], ("chat-service", TestSettings.ChatServiceSecret));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", body.Error());
    }

    [Fact]
    public async Task JsonBodyIsInvalidRequestNotAServerError()
    {
        using var client = fixture.CreateClient();
        using var content = new StringContent("{\"grant_type\":\"client_credentials\"}", System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/connect/token", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_request", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
