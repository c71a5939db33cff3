using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests;

[Collection(AuthServerCollection.Name)]
public sealed class RegistrationTests(AuthServerFixture fixture)
{
    [Fact]
    public async Task PublicClientRegistersWithoutSecretAndCompletesTheCodeFlow()
    {
        using var client = fixture.CreateClient();
        var (response, body) = await RegisterAsync(client, new
        {
            redirect_uris = new[] { "http://127.0.0.1:7777/callback" },
            token_endpoint_auth_method = "none",
            grant_types = new[] { "authorization_code", "refresh_token" },
            response_types = new[] { "code" },
            client_name = "Inspector",
            scope = "mcp:read mcp:tools",
            application_type = "native",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var clientId = body.GetProperty("client_id").GetString()!;
        Assert.False(body.TryGetProperty("client_secret", out _));
        Assert.Equal("none", body.GetProperty("token_endpoint_auth_method").GetString());
        Assert.Equal(["http://127.0.0.1:7777/callback"], body.GetProperty("redirect_uris").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("native", body.GetProperty("application_type").GetString());
        Assert.True(body.GetProperty("client_id_issued_at").GetInt64() > 0);

        using var flow = new CodeFlow(fixture) { ClientId = clientId, RedirectUri = "http://127.0.0.1:7777/callback" };
        var tokens = await flow.SignInAsync("alice", "password123", "mcp:read mcp:tools", TestSettings.McpResourceUri);
        Assert.Equal("mcp:read", tokens.Scope);
        Assert.NotNull(tokens.RefreshToken);
    }

    [Fact]
    public async Task ConfidentialClientGetsAGeneratedSecretThatAuthenticates()
    {
        using var client = fixture.CreateClient();
        var (response, body) = await RegisterAsync(client, new
        {
            redirect_uris = new[] { "https://app.example/callback" },
            token_endpoint_auth_method = "client_secret_post",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var clientId = body.GetProperty("client_id").GetString()!;
        var secret = body.GetProperty("client_secret").GetString()!;
        Assert.True(secret.Length >= 43);
        Assert.Equal(0, body.GetProperty("client_secret_expires_at").GetInt64());

        // Authenticated (not invalid_client), then refused for the grant it did not register.
        var (tokenResponse, tokenBody) = await OAuthHttp.PostFormAsync(client, "/connect/token",
            [new("grant_type", "client_credentials"), new("client_id", clientId), new("client_secret", secret)]);
        Assert.Equal(HttpStatusCode.BadRequest, tokenResponse.StatusCode);
        Assert.Equal("unauthorized_client", tokenBody.Error());
    }

    [Theory]
    [InlineData("""{"redirect_uris":["http://app.example/callback"]}""", "invalid_redirect_uri")]
    [InlineData("""{"redirect_uris":["https://app.example/callback#frag"]}""", "invalid_redirect_uri")]
    [InlineData("""{"redirect_uris":["callback"]}""", "invalid_redirect_uri")]
    [InlineData("""{"redirect_uris":[]}""", "invalid_redirect_uri")]
    [InlineData("""{"client_name":"no redirects"}""", "invalid_redirect_uri")]
    [InlineData("""{"redirect_uris":["https://a.example/cb"],"grant_types":["client_credentials"]}""", "invalid_client_metadata")]
    [InlineData("""{"redirect_uris":["https://a.example/cb"],"grant_types":["implicit"]}""", "invalid_client_metadata")]
    [InlineData("""{"redirect_uris":["https://a.example/cb"],"response_types":["token"]}""", "invalid_client_metadata")]
    [InlineData("""{"redirect_uris":["https://a.example/cb"],"token_endpoint_auth_method":"private_key_jwt"}""", "invalid_client_metadata")]
    [InlineData("""{"redirect_uris":["https://a.example/cb"],"application_type":"desktop"}""", "invalid_client_metadata")]
    [InlineData("""{"redirect_uris":["https://a.example/cb"],"scope":"mcp:everything"}""", "invalid_client_metadata")]
    [InlineData("""{"redirect_uris":["https://a.example/cb"],"client_uri":"javascript:alert(1)"}""", "invalid_client_metadata")]
    [InlineData("""{"redirect_uris":"https://a.example/cb"}""", "invalid_redirect_uri")]
    [InlineData("""[1,2,3]""", "invalid_client_metadata")]
    [InlineData("""{not json""", "invalid_client_metadata")]
    public async Task BadMetadataIsRefusedWithTheRfcError(string json, string error)
    {
        using var client = fixture.CreateClient();
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/connect/register", content, TestContext.Current.CancellationToken);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, body.Error());
    }

    [Fact]
    public async Task LoopbackRedirectMayUseAnyPortAtAuthorization()
    {
        using var client = fixture.CreateClient();
        var (_, body) = await RegisterAsync(client, new { redirect_uris = new[] { "http://127.0.0.1:7000/cb" }, token_endpoint_auth_method = "none" });
        using var flow = new CodeFlow(fixture) { ClientId = body.GetProperty("client_id").GetString()!, RedirectUri = "http://127.0.0.1:54321/cb" };

        var callback = await flow.AuthorizeAsync("bob", "secret456", "mcp:read");

        Assert.Null(callback.Error);
        Assert.Equal(54321, callback.Location.Port);
        Assert.Null((await flow.ExchangeAsync(callback.Code!)).Error);
    }

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> RegisterAsync(HttpClient client, object metadata)
    {
        var response = await client.PostAsJsonAsync("/connect/register", metadata, TestContext.Current.CancellationToken);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone();
        return (response, body);
    }
}
