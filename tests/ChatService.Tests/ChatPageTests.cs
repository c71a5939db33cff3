using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatService.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ChatService.Tests;

/// <summary>The chat page's sign-in (authorization code + PKCE as chat-web) and what it serves.</summary>
[Collection(ChatCollection.Name)]
public sealed class ChatPageTests(ChatFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SigningInRunsTheCodeFlowWithPkceForBothResourcesAndGivesThePageAToken()
    {
        fixture.Auth.SignedInUser = ("alice", "mcp:read mcp:write");
        using var browser = fixture.Chat.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var authServer = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var signIn = await browser.GetAsync("/signin", Ct);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        using var authorize = await authServer.GetAsync(signIn.Headers.Location, Ct);
        var callback = authorize.Headers.Location!;
        Assert.Equal("/signin-callback", callback.AbsolutePath);
        using var back = await browser.GetAsync(callback.PathAndQuery, Ct);
        var session = await browser.GetFromJsonAsync<JsonElement>("/session", Ct);

        var request = fixture.Auth.LastAuthorizationRequest!;
        Assert.Equal("S256", request["code_challenge_method"]);
        Assert.Equal(new[] { ChatFixture.ChatAudience, fixture.Mcp.Uri }, request["resource"].Select(r => r!).ToArray());
        Assert.Equal("http://chat-service.test/signin-callback", request["redirect_uri"]);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal("/", back.Headers.Location!.OriginalString);
        using var api = fixture.Chat.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", session.GetProperty("access_token").GetString());
        var me = await api.GetFromJsonAsync<JsonElement>("/api/chat/me", Ct);
        Assert.Equal("alice", me.GetProperty("username").GetString());
        Assert.True(me.GetProperty("tools_allowed").GetBoolean());
    }

    [Fact]
    public async Task AfterSigningOutTheNextSignInAsksForAFreshLoginSoAnotherUserCanSignIn()
    {
        fixture.Auth.SignedInUser = ("alice", "mcp:read mcp:write");
        var cookies = new CookieContainer();
        using var browser = fixture.Chat.CreateDefaultClient(new CookieKeepingHandler(cookies));
        using var authServer = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        async Task<Dictionary<string, string?>> SignInAsync()
        {
            using var signIn = await browser.GetAsync("/signin", Ct);
            var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(signIn.Headers.Location!.Query);
            using var authorize = await authServer.GetAsync(signIn.Headers.Location, Ct);
            using var back = await browser.GetAsync(authorize.Headers.Location!.PathAndQuery, Ct);
            Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
            return query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        }

        var first = await SignInAsync();
        using (var signOut = await browser.PostAsync("/signout", null, Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        }

        using (var signedOut = await browser.GetAsync("/session", Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
        }

        fixture.Auth.SignedInUser = ("bob", "mcp:read");
        var second = await SignInAsync();
        var third = await SignInAsync();

        Assert.False(first.ContainsKey("prompt"));
        Assert.Equal("login", second["prompt"]);
        Assert.False(third.ContainsKey("prompt"));
        var session = await browser.GetFromJsonAsync<JsonElement>("/session", Ct);
        using var api = fixture.Chat.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", session.GetProperty("access_token").GetString());
        var me = await api.GetFromJsonAsync<JsonElement>("/api/chat/me", Ct);
        Assert.Equal("bob", me.GetProperty("username").GetString());
    }

    /// <summary>Keeps cookies across requests without following redirects, as a browser tab would.</summary>
    private sealed class CookieKeepingHandler(CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var header = cookies.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0)
            {
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                foreach (var value in values)
                {
                    cookies.SetCookies(request.RequestUri!, value);
                }
            }

            return response;
        }
    }

    [Fact]
    public async Task ACallbackWhoseStateDoesNotMatchIsRefusedAndNoSessionStarts()
    {
        using var browser = fixture.Chat.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var signIn = await browser.GetAsync("/signin", Ct);

        using var forged = await browser.GetAsync("/signin-callback?code=abc&state=not-the-state", Ct);
        using var session = await browser.GetAsync("/session", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("does not belong", await forged.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, session.StatusCode);
    }

    [Fact]
    public async Task ThePageIsServedFromTheServiceWithAStrictContentSecurityPolicy()
    {
        using var browser = fixture.Chat.CreateClient();

        using var page = await browser.GetAsync("/", Ct);
        using var script = await browser.GetAsync("/chat.js", Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("<script src=\"/chat.js\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }
}
