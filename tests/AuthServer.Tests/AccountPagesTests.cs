using System.Net;
using AuthServer.Data;
using AuthServer.Tests.Infrastructure;
using McpAspire.Testing.OAuth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AuthServer.Tests;

[Collection(AuthServerCollection.Name)]
public sealed class AccountPagesTests(AuthServerFixture fixture)
{
    private static readonly Uri LoginPage = new($"{TestSettings.Issuer}/account/login");

    [Fact]
    public async Task RepeatedWrongPasswordsLockTheAccount()
    {
        var userName = "locked-" + Guid.NewGuid().ToString("N")[..8];
        await CreateUserAsync(userName, "right-password-1");
        using var browser = new OAuthBrowser(fixture.CreateClient(cookies: true), ownsClient: true);

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var (_, failure) = await browser.SubmitLoginAsync(LoginPage, userName, "wrong-password", TestContext.Current.CancellationToken);
            Assert.NotNull(failure);
        }

        var (status, error) = await browser.SubmitLoginAsync(LoginPage, userName, "right-password-1", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("locked", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WrongPasswordShowsAnErrorWithoutEchoingThePassword()
    {
        using var client = fixture.CreateClient(cookies: true);
        using var browser = new OAuthBrowser(client);

        var (status, error) = await browser.SubmitLoginAsync(LoginPage, "bob", "Wrong-Secret-Value", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Invalid user name or password.", error);
    }

    [Fact]
    public async Task LoginWithoutAntiforgeryTokenIsRefused()
    {
        using var client = fixture.CreateClient();
        using var content = new FormUrlEncodedContent([new("Input.UserName", "bob"), new("Input.Password", "secret456")]);

        using var response = await client.PostAsync("/account/login", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task RevokingAConnectedAppRevokesItsTokensAndForgetsTheConsent()
    {
        var userName = "revoker-" + Guid.NewGuid().ToString("N")[..8];
        await CreateUserAsync(userName, "revoker-password", "mcp:read");
        using var flow = new CodeFlow(fixture);
        var tokens = await flow.SignInAsync(userName, "revoker-password", "mcp:read");

        using var page = await flow.Browser.Http.GetAsync("/account/consents", TestContext.Current.CancellationToken);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("McpAspire Chat", html, StringComparison.Ordinal);
        var antiforgery = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var revoke = new FormUrlEncodedContent([new("clientId", "chat-web"), new("__RequestVerificationToken", antiforgery)]);
        using var response = await flow.Browser.Http.PostAsync("/account/consents", revoke, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, introspection) = await OAuthHttp.IntrospectAsync(flow.BackChannel, tokens.AccessToken!);
        Assert.False(introspection.GetProperty("active").GetBoolean());
        Assert.Equal("invalid_grant", (await flow.RefreshAsync(tokens.RefreshToken!)).Error);
        using var again = await flow.Browser.Http.GetAsync(flow.AuthorizationUri("mcp:read"), TestContext.Current.CancellationToken);
        Assert.StartsWith("/account/consent?", again.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOutEndsTheSession()
    {
        using var flow = new CodeFlow(fixture);
        await flow.SignInAsync("bob", "secret456", "mcp:read");
        using var logoutPage = await flow.Browser.Http.GetAsync("/account/logout", TestContext.Current.CancellationToken);
        var html = await logoutPage.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var antiforgery = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", antiforgery)]);
        using var signedOut = await flow.Browser.Http.PostAsync("/account/logout", form, TestContext.Current.CancellationToken);
        using var authorize = await flow.Browser.Http.GetAsync(flow.AuthorizationUri("mcp:read"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, signedOut.StatusCode);
        Assert.StartsWith("/account/login?", authorize.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private async Task CreateUserAsync(string userName, string password, string scopes = "")
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AuthUser>>();
        var result = await users.CreateAsync(new AuthUser { UserName = userName, Email = userName + "@example.com", Scopes = scopes }, password);
        Assert.True(result.Succeeded);
    }
}
