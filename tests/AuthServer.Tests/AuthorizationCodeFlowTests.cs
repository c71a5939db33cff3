using System.Net;
using AuthServer.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Tests;

[Collection(AuthServerCollection.Name)]
public sealed class AuthorizationCodeFlowTests(AuthServerFixture fixture)
{
    [Fact]
    public async Task UserSignsInConsentsAndTheClientGetsTokensForTheRequestedResource()
    {
        using var flow = new CodeFlow(fixture);
        var callback = await flow.AuthorizeAsync("alice", "password123", "openid profile mcp:read mcp:write", [TestSettings.McpResourceUri],
            extra: new() { ["nonce"] = "n-123" });

        Assert.Null(callback.Error);
        Assert.Equal(flow.State, callback.State);
        Assert.Equal(TestSettings.Issuer, callback.Issuer);
        Assert.StartsWith(TestSettings.ChatWebRedirectUri + "?", callback.Location.ToString(), StringComparison.Ordinal);

        var tokens = await flow.ExchangeAsync(callback.Code!);
        Assert.Equal(HttpStatusCode.OK, tokens.StatusCode);
        Assert.Equal("mcp:read mcp:write openid profile", tokens.Scope);
        Assert.NotNull(tokens.RefreshToken);

        var access = new JsonWebToken(tokens.AccessToken);
        Assert.Equal("at+jwt", access.Typ);
        Assert.Equal([TestSettings.McpResourceUri], access.Audiences);
        Assert.Equal("alice", access.GetPayloadValue<string>("username"));
        Assert.Equal("chat-web", access.GetPayloadValue<string>("client_id"));

        var idToken = new JsonWebToken(tokens.IdToken);
        Assert.Equal(["chat-web"], idToken.Audiences);
        Assert.Equal(access.Subject, idToken.Subject);
        Assert.Equal("n-123", idToken.GetPayloadValue<string>("nonce"));
        Assert.Equal("alice", idToken.GetPayloadValue<string>("preferred_username"));
    }

    [Fact]
    public async Task SeveralResourcesBecomeSeveralAudiences()
    {
        using var flow = new CodeFlow(fixture);
        var tokens = await flow.SignInAsync("alice", "password123", "mcp:read", TestSettings.McpResourceUri, TestSettings.ChatServiceUri);

        Assert.Equal([TestSettings.McpResourceUri, TestSettings.ChatServiceUri], new JsonWebToken(tokens.AccessToken).Audiences);
    }

    [Fact]
    public async Task WithoutResourceTheAudienceFollowsFromMcpScopes()
    {
        using var flow = new CodeFlow(fixture);
        var tokens = await flow.SignInAsync("alice", "password123", "mcp:read");

        Assert.Equal([TestSettings.McpResourceUri], new JsonWebToken(tokens.AccessToken).Audiences);
    }

    [Theory]
    [InlineData("bob", "secret456", "mcp:read mcp:write mcp:admin", "mcp:read")]
    [InlineData("alice", "password123", "mcp:read mcp:write mcp:admin", "mcp:read mcp:write")]
    [InlineData("admin", "admin789", "mcp:tools mcp:admin", "mcp:admin mcp:tools")]
    public async Task GrantedScopesAreWhatTheUserMayGrant(string user, string password, string asked, string granted)
    {
        using var flow = new CodeFlow(fixture);
        var tokens = await flow.SignInAsync(user, password, asked, TestSettings.McpResourceUri);

        Assert.Equal(granted, tokens.Scope);
        Assert.Equal(granted, new JsonWebToken(tokens.AccessToken).GetPayloadValue<string>("scope"));
    }

    [Fact]
    public async Task ReusedCodeIsInvalidGrantAndRevokesWhatTheFirstUseIssued()
    {
        using var flow = new CodeFlow(fixture);
        var callback = await flow.AuthorizeAsync("alice", "password123", "mcp:read", [TestSettings.McpResourceUri]);
        var first = await flow.ExchangeAsync(callback.Code!);

        var second = await flow.ExchangeAsync(callback.Code!);

        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal("invalid_grant", second.Error);
        var (_, introspection) = await OAuthHttp.IntrospectAsync(flow.BackChannel, first.AccessToken!);
        Assert.False(introspection.GetProperty("active").GetBoolean());
        Assert.Equal("invalid_grant", (await flow.RefreshAsync(first.RefreshToken!)).Error);
    }

    [Fact]
    public async Task WrongCodeVerifierIsInvalidGrant()
    {
        using var flow = new CodeFlow(fixture);
        var callback = await flow.AuthorizeAsync("alice", "password123", "mcp:read");

        var tokens = await flow.ExchangeAsync(callback.Code!, verifier: McpAspire.Testing.OAuth.Pkce.Create().Verifier);

        Assert.Equal(HttpStatusCode.BadRequest, tokens.StatusCode);
        Assert.Equal("invalid_grant", tokens.Error);
    }

    [Fact]
    public async Task MissingCodeVerifierIsInvalidGrant()
    {
        using var flow = new CodeFlow(fixture);
        var callback = await flow.AuthorizeAsync("alice", "password123", "mcp:read");

        var (response, body) = await OAuthHttp.PostFormAsync(flow.BackChannel, "/connect/token",
        [
            new("grant_type", "authorization_code"), new("code", callback.Code!), new("redirect_uri", flow.RedirectUri), new("client_id", "chat-web"),
        ]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", body.Error());
    }

    [Fact]
    public async Task DifferentRedirectUriAtTheTokenEndpointIsInvalidGrant()
    {
        using var flow = new CodeFlow(fixture);
        var callback = await flow.AuthorizeAsync("alice", "password123", "mcp:read");

        var tokens = await flow.ExchangeAsync(callback.Code!, redirectUri: "http://127.0.0.1:5902/other");

        Assert.Equal("invalid_grant", tokens.Error);
    }

    [Fact]
    public async Task ResourceOutsideTheAuthorizationIsInvalidTargetAtTheTokenEndpoint()
    {
        using var flow = new CodeFlow(fixture);
        var callback = await flow.AuthorizeAsync("alice", "password123", "mcp:read", [TestSettings.McpResourceUri]);

        var tokens = await flow.ExchangeAsync(callback.Code!, resources: [TestSettings.ChatServiceUri]);

        Assert.Equal("invalid_target", tokens.Error);
    }

    [Fact]
    public async Task CodeOfAnotherClientIsInvalidGrant()
    {
        using var flow = new CodeFlow(fixture);
        var callback = await flow.AuthorizeAsync("alice", "password123", "mcp:read");

        var (_, body) = await OAuthHttp.PostFormAsync(flow.BackChannel, "/connect/token",
        [
            new("grant_type", "authorization_code"), new("code", callback.Code!), new("redirect_uri", flow.RedirectUri), new("code_verifier", flow.Pkce.Verifier),
        ], ("chat-service", TestSettings.ChatServiceSecret));

        Assert.Equal("unauthorized_client", body.Error());
    }

    [Fact]
    public async Task UserInfoReturnsTheClaimsTheScopesRelease()
    {
        using var flow = new CodeFlow(fixture);
        var tokens = await flow.SignInAsync("bob", "secret456", "openid profile email mcp:read");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        request.Headers.Authorization = new("Bearer", tokens.AccessToken);

        using var response = await flow.BackChannel.SendAsync(request, TestContext.Current.CancellationToken);
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new JsonWebToken(tokens.AccessToken).Subject, body.GetProperty("sub").GetString());
        Assert.Equal("bob", body.GetProperty("preferred_username").GetString());
        Assert.Equal("bob@example.com", body.GetProperty("email").GetString());
    }

    [Fact]
    public async Task UserInfoWithoutAValidTokenIsABearerChallenge()
    {
        using var client = fixture.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        request.Headers.Authorization = new("Bearer", "not-a-token");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }
}
