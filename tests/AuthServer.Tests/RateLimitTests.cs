using System.Net;
using AuthServer.Tests.Infrastructure;
using McpAspire.Testing.OAuth;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AuthServer.Tests;

[Collection(AuthServerCollection.Name)]
public sealed class RateLimitTests(AuthServerFixture fixture)
{
    [Fact]
    public async Task TokenAndLoginRequestsOverTheLimitGet429WithRetryAfter()
    {
        var settings = new Dictionary<string, string?>(fixture.Settings)
        {
            ["AuthServer:RateLimits:token:PermitLimit"] = "3",
            ["AuthServer:RateLimits:token:Window"] = "00:01:00",
            ["AuthServer:RateLimits:login:PermitLimit"] = "2",
            ["AuthServer:RateLimits:login:Window"] = "00:01:00",
        };
        await using var limited = new AuthServerFactory(settings);
        using var client = limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            var (response, _) = await OAuthHttp.ClientCredentialsAsync(client, "mcp:read");
            statuses.Add(response.StatusCode);
            last = response;
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        last.Dispose();

        using var browser = new OAuthBrowser(client);
        var login = new Uri($"{TestSettings.Issuer}/account/login");
        await browser.SubmitLoginAsync(login, "bob", "wrong", TestContext.Current.CancellationToken);
        await browser.SubmitLoginAsync(login, "bob", "wrong", TestContext.Current.CancellationToken);
        var (status, _) = await browser.SubmitLoginAsync(login, "bob", "secret456", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
    }
}
