using System.Net;
using System.Text.Json;
using McpResource.Tests.Infrastructure;

namespace McpResource.Tests;

[Collection(McpResourceCollection.Name)]
public sealed class ProtectedResourceMetadataTests(McpResourceFactory factory)
{
    [Fact]
    public async Task RequestWithoutTokenIsChallengedWithTheMetadataUrlAndTheBasicScope()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateMcpClient();

        using var response = await client.SendAsync(McpHttp.Request("tools/list"), ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = McpHttp.Challenge(response);
        Assert.Equal(
            "Bearer resource_metadata=\"http://localhost/.well-known/oauth-protected-resource/mcp\", scope=\"mcp:read\"",
            challenge);
    }

    [Fact]
    public async Task RefusedTokenIsChallengedWithInvalidToken()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateMcpClient("not-a-token-anyone-issued");

        using var response = await client.SendAsync(McpHttp.Request("tools/list"), ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = McpHttp.Challenge(response)!;
        Assert.StartsWith("Bearer error=\"invalid_token\"", challenge, StringComparison.Ordinal);
        Assert.Contains("resource_metadata=\"http://localhost/.well-known/oauth-protected-resource/mcp\"", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChallengeOfAnUnauthenticatedToolCallNamesTheScopesThatToolNeeds()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateMcpClient();

        using var response = await client.SendAsync(McpHttp.CallTool("create_ticket", new { title = "x" }), ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("scope=\"mcp:read mcp:write\"", McpHttp.Challenge(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChallengeOfAnUnauthenticatedToolCallTakesTheToolFromTheMcpNameHeader()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateMcpClient();
        using var request = McpHttp.Raw("{ not parsed }");
        request.Headers.Add("Mcp-Name", "admin_reassign_ticket");

        using var response = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("scope=\"mcp:read mcp:admin\"", McpHttp.Challenge(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/.well-known/oauth-protected-resource/mcp")]
    [InlineData("/.well-known/oauth-protected-resource")]
    public async Task MetadataNamesTheCanonicalResourceTheExactIssuerAndTheBasicScopes(string path)
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(path, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var root = document.RootElement;
        Assert.Equal(McpResourceFactory.Audience, root.GetProperty("resource").GetString());
        Assert.Equal([McpResourceFactory.Issuer], root.GetProperty("authorization_servers").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["mcp:read"], root.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["header"], root.GetProperty("bearer_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("resource_name").GetString()));
    }

    [Fact]
    public async Task TokenThatCannotBeCheckedBecauseTheAuthorizationServerIsDownGets503()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateMcpClient(TestTokens.Unreachable);

        using var response = await client.SendAsync(McpHttp.CallTool("list_integrations"), ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }
}
