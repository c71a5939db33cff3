using System.Net;
using System.Text.Json;

namespace McpResource.Tests.WholeApp;

/// <summary>McpResource's OAuth behaviour with the real AuthServer, Redis and PostgreSQL of the whole app.</summary>
[Collection(McpWholeAppCollection.Name)]
public sealed class WholeAppAuthorizationTests(McpWholeAppFixture app)
{
    [Fact]
    public async Task CallWithoutTokenIsRefusedWith401NamingTheResourceMetadata()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = app.CreateMcpClient();

        using var response = await WholeAppMcp.CallToolAsync(client, null, "list_tickets", null, ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = WholeAppMcp.ChallengeParameters(response);
        Assert.Equal(app.GetEndpoint("mcp-resource").GetLeftPart(UriPartial.Authority) + "/.well-known/oauth-protected-resource/mcp", challenge["resource_metadata"]);
        Assert.Contains("mcp:read", challenge["scope"].Split(' '));
        Assert.False(challenge.ContainsKey("error"));
    }

    [Fact]
    public async Task DiscoveryLeadsFromTheResourceMetadataToAuthServerMetadataWithTheIssuerSpelledTheSame()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = app.CreateMcpClient();
        using var refused = await WholeAppMcp.CallToolAsync(client, null, "list_tickets", null, ct);
        var metadataUrl = WholeAppMcp.ChallengeParameters(refused)["resource_metadata"];

        using var http = new HttpClient();
        using var resource = JsonDocument.Parse(await http.GetStringAsync(new Uri(metadataUrl), ct));
        Assert.Equal(app.McpResourceUri, resource.RootElement.GetProperty("resource").GetString());
        var authorizationServer = Assert.Single(resource.RootElement.GetProperty("authorization_servers").EnumerateArray()).GetString()!;
        Assert.Equal(["header"], resource.RootElement.GetProperty("bearer_methods_supported").EnumerateArray().Select(e => e.GetString()));

        using var server = JsonDocument.Parse(await http.GetStringAsync(new Uri(authorizationServer + "/.well-known/oauth-authorization-server"), ct));
        // Clients compare these byte for byte (RFC 8414 §3.3, RFC 9728 §7.6).
        Assert.Equal(authorizationServer, server.RootElement.GetProperty("issuer").GetString(), StringComparer.Ordinal);
        Assert.Equal(app.Issuer, authorizationServer, StringComparer.Ordinal);
        Assert.Contains("S256", server.RootElement.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.StartsWith(authorizationServer + "/", server.RootElement.GetProperty("introspection_endpoint").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadToolWorksWithAReadOnlyTokenAndActsAsTheUser()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = await app.Tokens.ForMcpAsync("bob", ct);
        using var client = app.CreateMcpClient();

        var profile = await WholeAppMcp.CallToolJsonAsync(client, token, "get_user_profile", null, ct);
        Assert.Equal("bob", profile.GetProperty("username").GetString());
        Assert.Equal(["mcp:read"], profile.GetProperty("scopes").EnumerateArray().Select(e => e.GetString()));

        var integrations = await WholeAppMcp.CallToolJsonAsync(client, token, "list_integrations", null, ct);
        Assert.NotEqual(0, integrations.GetArrayLength());
    }

    [Fact]
    public async Task WriteToolWithAReadOnlyTokenIsForbiddenNamingTheScopeItNeeds()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = await app.Tokens.ForMcpAsync("bob", ct);
        using var client = app.CreateMcpClient();

        using var response = await WholeAppMcp.CallToolAsync(client, token, "create_ticket", new { title = "bob should not" }, ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var challenge = WholeAppMcp.ChallengeParameters(response);
        Assert.Equal("insufficient_scope", challenge["error"]);
        Assert.Contains("mcp:write", challenge["scope"].Split(' '));
        Assert.EndsWith("/.well-known/oauth-protected-resource/mcp", challenge["resource_metadata"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenIssuedForAnotherAudienceIsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        // A real, active token of alice with the scopes McpResource wants, but issued for ChatService's API.
        var chatToken = await app.Tokens.GetAsync("alice", "mcp:read", app.ChatApiUri, ct);
        using var client = app.CreateMcpClient();

        using var response = await WholeAppMcp.CallToolAsync(client, chatToken, "list_tickets", null, ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_token", WholeAppMcp.ChallengeParameters(response)["error"]);
    }

    [Fact]
    public async Task RevokedTokenIsRefusedWithinOneSecondAlthoughItIsCached()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = await app.Tokens.ForMcpAsync("alice", ct);
        var metadata = await app.Tokens.MetadataAsync(ct);
        using var client = app.CreateMcpClient();
        using (var introspections = new AuthServerRequestLog(app.App, metadata.IntrospectionEndpoint))
        {
            for (var i = 0; i < 3; i++)
            {
                using var ok = await WholeAppMcp.CallToolAsync(client, token, "list_tickets", null, ct);
                Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            }

            // The first call introspected and cached; the next ones were answered from the cache.
            await introspections.WaitForAsync(1, TimeSpan.FromSeconds(10), ct);
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
            Assert.Single(introspections.Requests);
        }

        await app.Tokens.RevokeAsync(token, ct);
        var refusedAfter = await WholeAppMcp.TimeUntilRefusedAsync(client, token, TimeSpan.FromSeconds(3), ct);

        Assert.True(refusedAfter is not null, "The revoked token still worked 3 s after revocation.");
        Assert.True(refusedAfter <= TimeSpan.FromSeconds(1), $"The revoked token still worked {refusedAfter.Value.TotalMilliseconds:F0} ms after revocation.");
    }

    [Fact]
    public async Task HundredConcurrentCallsWithANewTokenCauseExactlyOneIntrospection()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = await app.Tokens.ForMcpAsync("alice", ct);
        var metadata = await app.Tokens.MetadataAsync(ct);
        using var client = app.CreateMcpClient();
        // Open the connections first, so the 100 calls arrive together rather than behind 100 TCP handshakes.
        await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ =>
        {
            using var health = await client.GetAsync(new Uri("/alive", UriKind.Relative), ct);
        }));

        using var introspections = new AuthServerRequestLog(app.App, metadata.IntrospectionEndpoint);
        var calls = Enumerable.Range(0, 100).Select(_ => WholeAppMcp.NewTraceParent()).ToArray();
        var responses = await Task.WhenAll(calls.Select(async call =>
        {
            using var response = await WholeAppMcp.CallToolAsync(client, token, "list_tickets", null, ct, call.TraceParent);
            return response.StatusCode;
        }));

        Assert.All(responses, status => Assert.Equal(HttpStatusCode.OK, status));
        // AuthServer writes its request line asynchronously: wait for the first one, then give any others time to show.
        await introspections.WaitForAsync(1, TimeSpan.FromSeconds(10), ct);
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        var seen = introspections.Requests;
        Assert.True(seen.Count == 1, $"AuthServer received {seen.Count} introspection requests for one new token used by 100 concurrent calls.");
        // And it was made on behalf of one of these calls (the trace id they carried reached AuthServer).
        var traceId = AuthServerRequestLog.TraceIdOf(seen[0]);
        Assert.True(traceId is not null && calls.Any(c => c.TraceId == traceId), $"The introspection request carried no trace id of these calls: {seen[0]}");
    }
}
