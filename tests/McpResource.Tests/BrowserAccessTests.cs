using System.Net;
using McpResource.Tests.Infrastructure;

namespace McpResource.Tests;

/// <summary>Browser-based MCP clients (the Inspector): CORS for discovery and the endpoint, Origin checks against DNS rebinding.</summary>
[Collection(McpResourceCollection.Name)]
public sealed class BrowserAccessTests(McpResourceFactory factory)
{
    private const string InspectorOrigin = "http://localhost:6274";

    [Fact]
    public async Task MetadataIsReadableFromAnyOrigin()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/oauth-protected-resource/mcp");
        request.Headers.Add("Origin", "https://some-web-client.example");

        using var response = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task PreflightFromAnAllowedOriginPermitsTheMcpHeadersAndExposesTheChallenge()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/mcp");
        preflight.Headers.Add("Origin", InspectorOrigin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization, content-type, mcp-protocol-version");

        using var response = await client.SendAsync(preflight, ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(InspectorOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());

        using var post = McpHttp.Request("tools/list");
        post.Headers.Add("Origin", InspectorOrigin);
        using var challenged = await client.SendAsync(post, ct);
        Assert.Equal(HttpStatusCode.Unauthorized, challenged.StatusCode);
        Assert.Contains("WWW-Authenticate", string.Join(",", challenged.Headers.GetValues("Access-Control-Expose-Headers")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RequestFromAForeignOriginIsRefusedEvenWithAValidToken()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateMcpClient(TestTokens.Bob);
        using var request = McpHttp.Request("tools/list");
        request.Headers.Add("Origin", "http://attacker.example");

        using var response = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task RequestFromTheServersOwnOriginIsServed()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateMcpClient(TestTokens.Bob);
        using var request = McpHttp.Request("ping");
        request.Headers.Add("Origin", "http://localhost");

        using var response = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
