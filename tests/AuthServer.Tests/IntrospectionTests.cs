using System.Net;
using AuthServer.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Tests;

[Collection(AuthServerCollection.Name)]
public sealed class IntrospectionTests(AuthServerFixture fixture)
{
    [Fact]
    public async Task ActiveTokenIsDescribed()
    {
        using var client = fixture.CreateClient();
        var (_, issued) = await OAuthHttp.ClientCredentialsAsync(client, "mcp:read", TestSettings.McpResourceUri);
        var accessToken = issued.GetProperty("access_token").GetString()!;

        var (response, body) = await OAuthHttp.IntrospectAsync(client, accessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.GetProperty("active").GetBoolean());
        Assert.Equal("mcp:read", body.GetProperty("scope").GetString());
        Assert.Equal("chat-service", body.GetProperty("client_id").GetString());
        Assert.Equal("chat-service", body.GetProperty("sub").GetString());
        Assert.Equal(TestSettings.McpResourceUri, body.GetProperty("aud").GetString());
        Assert.Equal(TestSettings.Issuer, body.GetProperty("iss").GetString());
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(new JsonWebToken(accessToken).Id, body.GetProperty("jti").GetString());
        Assert.True(body.GetProperty("exp").GetInt64() > body.GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task ChatServiceMayIntrospectToo()
    {
        using var client = fixture.CreateClient();
        var (_, issued) = await OAuthHttp.ClientCredentialsAsync(client);

        var (response, body) = await OAuthHttp.IntrospectAsync(client, issued.GetProperty("access_token").GetString()!, "chat-service", TestSettings.ChatServiceSecret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.GetProperty("active").GetBoolean());
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")]
    public async Task UnknownTokenIsInactive(string token)
    {
        using var client = fixture.CreateClient();
        var (response, body) = await OAuthHttp.IntrospectAsync(client, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(body.GetProperty("active").GetBoolean());
        Assert.Single(body.EnumerateObject());
    }

    [Fact]
    public async Task TamperedTokenIsInactive()
    {
        using var client = fixture.CreateClient();
        var (_, issued) = await OAuthHttp.ClientCredentialsAsync(client, "mcp:read");
        var parts = issued.GetProperty("access_token").GetString()!.Split('.');
        var payload = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(parts[1]).Replace("mcp:read", "mcp:admin", StringComparison.Ordinal);
        var forged = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        var (_, body) = await OAuthHttp.IntrospectAsync(client, forged);

        Assert.False(body.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task WrongSecretIsInvalidClient()
    {
        using var client = fixture.CreateClient();
        var (response, body) = await OAuthHttp.IntrospectAsync(client, "anything", "mcp-resource", "wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body.Error());
    }

    [Fact]
    public async Task UnauthenticatedRequestIsInvalidClient()
    {
        using var client = fixture.CreateClient();
        var (response, body) = await OAuthHttp.PostFormAsync(client, "/connect/introspect", [new("token", "anything")]);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body.Error());
    }

    [Fact]
    public async Task ClientNotAllowedToIntrospectIsRefused()
    {
        using var client = fixture.CreateClient();
        var (response, body) = await OAuthHttp.PostFormAsync(client, "/connect/introspect", [new("token", "anything"), new("client_id", "chat-web")]);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("unauthorized_client", body.Error());
    }

    [Fact]
    public async Task MissingTokenIsInvalidRequest()
    {
        using var client = fixture.CreateClient();
        var (response, body) = await OAuthHttp.PostFormAsync(client, "/connect/introspect", [], ("mcp-resource", TestSettings.McpResourceSecret));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", body.Error());
    }
}
