using System.Net;
using ChatService.Tests.Infrastructure;

namespace ChatService.Tests;

/// <summary>Users' tokens checked by ServiceDefaults' introspection handler, and the service's health.</summary>
[Collection(ChatCollection.Name)]
public sealed class AuthenticationTests(ChatFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ATokenIssuedOnlyForAnotherResourceIsRefusedWith401()
    {
        var token = fixture.Auth.IssueUserToken("sub-alice", "alice", "mcp:read", [fixture.Mcp.Uri]);
        using var client = fixture.Chat.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        using var response = await client.GetAsync("/api/chat/conversations", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenTheAuthorizationServerCannotBeReachedAnUncheckedTokenGets503Not401()
    {
        var chat = fixture.CreateChat(s => s["TokenValidation:Issuer"] = $"http://127.0.0.1:{FreePorts.Next()}");
        using var alice = fixture.ClientFor(chat, "alice", "mcp:read");

        using var response = await alice.GetAsync("/api/chat/conversations", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task TheHealthEndpointIsHealthyWithTheDatabaseAndRedisUp()
    {
        using var client = fixture.Chat.CreateClient();

        using var health = await client.GetAsync("/health", Ct);
        using var alive = await client.GetAsync("/alive", Ct);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }
}
