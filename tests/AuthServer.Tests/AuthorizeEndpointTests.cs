using System.Net;
using AuthServer.Tests.Infrastructure;
using McpAspire.Testing.OAuth;

namespace AuthServer.Tests;

[Collection(AuthServerCollection.Name)]
public sealed class AuthorizeEndpointTests(AuthServerFixture fixture)
{
    private static string Authorize(string query) => "/connect/authorize?" + query;

    private static string ValidQuery(Pkce pkce, string state = "s-1") =>
        $"response_type=code&client_id=chat-web&redirect_uri={Uri.EscapeDataString(TestSettings.ChatWebRedirectUri)}&scope=mcp%3Aread&state={state}"
        + $"&code_challenge={pkce.Challenge}&code_challenge_method=S256";

    [Fact]
    public async Task UnknownClientGetsAnErrorPageAndNoRedirect()
    {
        using var client = fixture.CreateClient();
        var query = ValidQuery(Pkce.Create()).Replace("client_id=chat-web", "client_id=nobody", StringComparison.Ordinal);

        using var response = await client.GetAsync(Authorize(query), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5902/elsewhere")]
    [InlineData("https://evil.example/signin-callback")]
    [InlineData("http://127.0.0.1:5902/signin-callback/")]
    public async Task UnregisteredRedirectUriGetsAnErrorPageAndNoRedirect(string redirectUri)
    {
        using var client = fixture.CreateClient();
        var query = ValidQuery(Pkce.Create()).Replace(Uri.EscapeDataString(TestSettings.ChatWebRedirectUri), Uri.EscapeDataString(redirectUri), StringComparison.Ordinal);

        using var response = await client.GetAsync(Authorize(query), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData("no challenge")]
    [InlineData("plain")]
    [InlineData("no method")]
    [InlineData("malformed challenge")]
    public async Task RequestWithoutAnS256ChallengeIsRefusedWithStateAndIss(string variant)
    {
        using var client = fixture.CreateClient();
        var pkce = Pkce.Create();
        var query = variant switch
        {
            "no challenge" => ValidQuery(pkce).Replace($"&code_challenge={pkce.Challenge}&code_challenge_method=S256", "", StringComparison.Ordinal),
            "plain" => ValidQuery(pkce).Replace("code_challenge_method=S256", "code_challenge_method=plain", StringComparison.Ordinal)
                .Replace(pkce.Challenge, pkce.Verifier, StringComparison.Ordinal),
            "no method" => ValidQuery(pkce).Replace("&code_challenge_method=S256", "", StringComparison.Ordinal),
            _ => ValidQuery(pkce).Replace(pkce.Challenge, "short", StringComparison.Ordinal),
        };

        var callback = await RedirectOf(client, Authorize(query));

        Assert.Equal("invalid_request", callback.Error);
        Assert.Equal("s-1", callback.State);
        Assert.Equal(TestSettings.Issuer, callback.Issuer);
    }

    [Fact]
    public async Task PostedAuthorizationRequestIsHandledLikeGet()
    {
        using var client = fixture.CreateClient();
        var pkce = Pkce.Create();
        using var form = new FormUrlEncodedContent(
        [
            new("response_type", "code"), new("client_id", "chat-web"), new("redirect_uri", TestSettings.ChatWebRedirectUri),
            new("scope", "mcp:read"), new("state", "s-2"), new("code_challenge", pkce.Challenge), new("code_challenge_method", "plain"),
        ]);

        using var response = await client.PostAsync("/connect/authorize", form, TestContext.Current.CancellationToken);
        var callback = AuthorizationCallback.From(response.Headers.Location!);

        Assert.Equal("invalid_request", callback.Error);
        Assert.Equal("s-2", callback.State);
    }

    [Fact]
    public async Task UnknownResourceIsInvalidTarget()
    {
        using var client = fixture.CreateClient();
        var query = ValidQuery(Pkce.Create()) + "&resource=" + Uri.EscapeDataString("http://127.0.0.1:5999/unknown");

        var callback = await RedirectOf(client, Authorize(query));

        Assert.Equal("invalid_target", callback.Error);
        Assert.Equal(TestSettings.Issuer, callback.Issuer);
    }

    [Fact]
    public async Task UnknownScopeIsInvalidScope()
    {
        using var client = fixture.CreateClient();
        var query = ValidQuery(Pkce.Create()).Replace("scope=mcp%3Aread", "scope=mcp%3Aeverything", StringComparison.Ordinal);

        var callback = await RedirectOf(client, Authorize(query));

        Assert.Equal("invalid_scope", callback.Error);
    }

    [Fact]
    public async Task TokenResponseTypeIsUnsupported()
    {
        using var client = fixture.CreateClient();
        var query = ValidQuery(Pkce.Create()).Replace("response_type=code", "response_type=token", StringComparison.Ordinal);

        var callback = await RedirectOf(client, Authorize(query));

        Assert.Equal("unsupported_response_type", callback.Error);
        Assert.Equal(TestSettings.Issuer, callback.Issuer);
    }

    [Fact]
    public async Task PromptNoneWithoutASignedInUserIsLoginRequired()
    {
        using var client = fixture.CreateClient();

        var callback = await RedirectOf(client, Authorize(ValidQuery(Pkce.Create()) + "&prompt=none"));

        Assert.Equal("login_required", callback.Error);
    }

    [Fact]
    public async Task SignedOutUserIsSentToTheLoginPage()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync(Authorize(ValidQuery(Pkce.Create())), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login?ReturnUrl=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeniedConsentReturnsAccessDenied()
    {
        // bob has consented before: prompt=consent still asks again, also when he must sign in first.
        using (var earlier = new CodeFlow(fixture))
        {
            await earlier.SignInAsync("bob", "secret456", "mcp:read");
        }

        using var flow = new CodeFlow(fixture);

        var callback = await flow.AuthorizeAsync("bob", "secret456", "mcp:read", approve: false, extra: new() { ["prompt"] = "consent" });

        Assert.Equal("access_denied", callback.Error);
        Assert.Equal(flow.State, callback.State);
        Assert.Equal(TestSettings.Issuer, callback.Issuer);
        Assert.Null(callback.Code);
    }

    [Fact]
    public async Task ConsentPageNamesTheClientTheRedirectHostAndTheScopesInWords()
    {
        using var flow = new CodeFlow(fixture);
        await flow.Browser.SubmitLoginAsync(new Uri($"{TestSettings.Issuer}/account/login"), "alice", "password123", TestContext.Current.CancellationToken);

        using var authorize = await flow.Browser.Http.GetAsync(flow.AuthorizationUri("mcp:read mcp:write", extra: new() { ["prompt"] = "consent" }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        using var consent = await flow.Browser.Http.GetAsync(authorize.Headers.Location, TestContext.Current.CancellationToken);
        var html = await consent.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, consent.StatusCode);
        Assert.Contains("McpAspire Chat", html, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:5902", html, StringComparison.Ordinal);
        Assert.Contains("Read your tickets", html, StringComparison.Ordinal);
        Assert.Contains("Create and change your tickets", html, StringComparison.Ordinal);
        Assert.Contains("__RequestVerificationToken", html, StringComparison.Ordinal);
        Assert.Equal("DENY", consent.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", consent.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("no-referrer", consent.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("nosniff", consent.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task RememberedConsentIsNotAskedAgain()
    {
        using var flow = new CodeFlow(fixture);
        await flow.SignInAsync("alice", "password123", "mcp:read");

        using var again = await flow.Browser.Http.GetAsync(flow.AuthorizationUri("mcp:read"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.StartsWith(TestSettings.ChatWebRedirectUri + "?code=", again.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private static async Task<AuthorizationCallback> RedirectOf(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(TestSettings.ChatWebRedirectUri, response.Headers.Location!.ToString(), StringComparison.Ordinal);
        return AuthorizationCallback.From(response.Headers.Location);
    }
}
