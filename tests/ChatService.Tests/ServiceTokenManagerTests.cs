using ChatService.Mcp;
using ChatService.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatService.Tests;

[Collection(ChatCollection.Name)]
public sealed class ServiceTokenManagerTests(ChatFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ManyCallersAtOnceCauseOneTokenRequestForMcpResourcesAudience()
    {
        var chat = fixture.CreateChat();
        var tokens = chat.Services.GetRequiredService<ServiceTokenManager>();

        var all = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => tokens.GetTokenAsync(Ct).AsTask()));

        Assert.Single(all.Distinct());
        Assert.Equal(1, tokens.TokenRequests);
        Assert.Equal(fixture.Mcp.Uri, fixture.Auth.LastServiceTokenRequest.Resource);
        Assert.True(fixture.Auth.IsActive(all[0], out var issued));
        Assert.Equal(FakeAuthorizationServer.ChatClientId, issued.ClientId);
    }

    [Fact]
    public async Task TheTokenIsRenewedBeforeItExpiresAndReusedUntilThen()
    {
        var chat = fixture.CreateChat(s => s["TokenValidation:RenewAfterLifetimeFraction"] = "0.5");
        var tokens = chat.Services.GetRequiredService<ServiceTokenManager>();
        fixture.Auth.ServiceTokenLifetime = TimeSpan.FromSeconds(2);
        try
        {
            var first = await tokens.GetTokenAsync(Ct);
            var reused = await tokens.GetTokenAsync(Ct);
            await Task.Delay(TimeSpan.FromSeconds(1.2), Ct);
            var renewed = await tokens.GetTokenAsync(Ct);

            Assert.Equal(first, reused);
            Assert.NotEqual(first, renewed);
            Assert.True(fixture.Auth.IsActive(first, out _), "the old token was still valid when it was replaced");
            Assert.Equal(2, tokens.TokenRequests);
        }
        finally
        {
            fixture.Auth.ServiceTokenLifetime = TimeSpan.FromHours(1);
        }
    }

    [Fact]
    public async Task AWrongClientSecretIsReportedWithoutTheSecretInTheMessage()
    {
        var chat = fixture.CreateChat(s => s["TokenValidation:ClientSecret"] = "wrong-secret-value");
        var tokens = chat.Services.GetRequiredService<ServiceTokenManager>();

        var error = await Assert.ThrowsAsync<ServiceTokenUnavailableException>(() => tokens.GetTokenAsync(Ct).AsTask());

        Assert.Contains("invalid_client", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-value", error.ToString(), StringComparison.Ordinal);
    }
}
