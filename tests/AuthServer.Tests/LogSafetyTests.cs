using AuthServer.Tests.Infrastructure;
using McpAspire.Testing.OAuth;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AuthServer.Tests;

[Collection(AuthServerCollection.Name)]
public sealed class LogSafetyTests(AuthServerFixture fixture)
{
    [Fact]
    public async Task NoCodeTokenSecretOrPasswordReachesTheLogsEvenAtDebug()
    {
        var ct = TestContext.Current.CancellationToken;
        var logs = new CapturingLoggerProvider();
        await using var factory = new AuthServerFactory(new Dictionary<string, string?>(fixture.Settings) { ["Logging:LogLevel:Default"] = "Debug" })
            .WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs)));
        using var browser = new OAuthBrowser(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        using var backChannel = factory.CreateClient();
        var pkce = Pkce.Create();
        var token = new Uri($"{TestSettings.Issuer}/connect/token");

        await browser.SubmitLoginAsync(new Uri($"{TestSettings.Issuer}/account/login"), "bob", "wrong-password-value", ct);
        var callback = await browser.AuthorizeAsync(
            AuthorizeUrl.Build(new Uri($"{TestSettings.Issuer}/connect/authorize"), "chat-web", TestSettings.ChatWebRedirectUri, "mcp:read offline_access", "st", pkce),
            "alice", "password123", cancellationToken: ct);
        var tokens = await TokenRequests.ExchangeCodeAsync(backChannel, token, "chat-web", callback.Code!, TestSettings.ChatWebRedirectUri, pkce.Verifier, cancellationToken: ct);
        var refreshed = await TokenRequests.RefreshAsync(backChannel, token, "chat-web", tokens.RefreshToken!, cancellationToken: ct);
        var service = await TokenRequests.ClientCredentialsAsync(backChannel, token, "chat-service", TestSettings.ChatServiceSecret, cancellationToken: ct);
        await TokenRequests.ClientCredentialsAsync(backChannel, token, "chat-service", "wrong-secret-value", cancellationToken: ct);
        await OAuthHttp.IntrospectAsync(backChannel, service.AccessToken!);
        await OAuthHttp.PostFormAsync(backChannel, "/connect/revoke", [new("token", refreshed.RefreshToken!), new("client_id", "chat-web")]);
        var replay = await TokenRequests.ExchangeCodeAsync(backChannel, token, "chat-web", callback.Code!, TestSettings.ChatWebRedirectUri, pkce.Verifier, cancellationToken: ct);

        Assert.Equal("invalid_grant", replay.Error);
        Assert.NotEmpty(logs.Lines);
        var all = string.Join('\n', logs.Lines);
        string[] secrets =
        [
            callback.Code!, pkce.Verifier, tokens.AccessToken!, tokens.RefreshToken!, refreshed.AccessToken!, refreshed.RefreshToken!,
            service.AccessToken!, "password123", "wrong-password-value", TestSettings.ChatServiceSecret, "wrong-secret-value",
        ];
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
        }
    }
}
