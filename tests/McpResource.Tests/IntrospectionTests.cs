using McpAspire.Testing.OAuth;
using System.Diagnostics;
using System.Net;
using McpAspire.ServiceDefaults.Authentication;
using McpResource.Tests.Infrastructure;
using StackExchange.Redis;

namespace McpResource.Tests;

/// <summary>
/// McpResource with the real introspection handler and cache (ServiceDefaults), a real Redis and a stub RFC 7662
/// authorization server: what a token must be to pass, what the cache saves, and what happens when a part is down.
/// </summary>
[Collection(IntrospectionCollection.Name)]
public sealed class IntrospectionTests(IntrospectionFixture fixture)
{
    [Fact]
    public async Task ActiveTokenForThisResourceCallsAReadToolAsItsUser()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = fixture.CreateClient(fixture.UserToken("user-carol", "carol", "mcp:read"));

        var result = await McpHttp.CallToolResultAsync(client, "get_user_profile", null, ct);

        Assert.False(McpHttp.IsError(result));
        Assert.Contains("user-carol", McpHttp.FirstText(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownTokenIsRefusedWithInvalidTokenAndTheResourceMetadata()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = fixture.CreateClient("not-a-token-this-server-issued");

        using var response = await client.SendAsync(McpHttp.CallTool("list_tickets"), ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = McpHttp.Challenge(response)!;
        Assert.Contains("error=\"invalid_token\"", challenge, StringComparison.Ordinal);
        Assert.Contains("resource_metadata=\"", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenForAnotherAudienceIsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = fixture.UserToken("user-carol", "carol", "mcp:read", audience: "http://127.0.0.1:1/another-resource");
        using var client = fixture.CreateClient(token);

        using var response = await client.SendAsync(McpHttp.CallTool("list_tickets"), ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("error=\"invalid_token\"", McpHttp.Challenge(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadOnlyTokenGets403InsufficientScopeForAWriteTool()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = fixture.CreateClient(fixture.UserToken("user-dave", "dave", "mcp:read"));

        using var response = await client.SendAsync(McpHttp.CallTool("create_ticket", new { title = "Projector flickers" }), ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var challenge = McpHttp.Challenge(response)!;
        Assert.Contains("error=\"insufficient_scope\"", challenge, StringComparison.Ordinal);
        Assert.Contains("scope=\"mcp:read mcp:write\"", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HundredConcurrentCallsWithANewTokenCauseOneIntrospection()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = fixture.UserToken("user-erin", "erin", "mcp:read");
        using var client = fixture.CreateClient(token);
        var before = fixture.AuthorizationServer.Introspections;

        var statuses = await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ =>
        {
            using var response = await client.SendAsync(McpHttp.CallTool("get_system_health"), ct);
            return response.StatusCode;
        }));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(1, fixture.AuthorizationServer.Introspections - before);
    }

    [Fact]
    public async Task RevokedTokenIsRefusedWithinOneSecondAlthoughCached()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = fixture.UserToken("user-frank", "frank", "mcp:read");
        using var client = fixture.CreateClient(token);
        using (var first = await client.SendAsync(McpHttp.CallTool("get_system_health"), ct))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        // What AuthServer does on revocation: forget the token and publish its jti.
        var jti = fixture.AuthorizationServer.Revoke(token);
        using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Redis.ConnectionString);
        var clock = Stopwatch.StartNew();
        await redis.GetSubscriber().PublishAsync(new RedisChannel(IntrospectionDefaults.RevocationChannel, RedisChannel.PatternMode.Literal), jti);

        var status = HttpStatusCode.OK;
        while (clock.Elapsed < TimeSpan.FromSeconds(1))
        {
            using var response = await client.SendAsync(McpHttp.CallTool("get_system_health"), ct);
            status = response.StatusCode;
            if (status == HttpStatusCode.Unauthorized)
            {
                break;
            }

            await Task.Delay(20, ct);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task AuthorizationServerDownCachedTokenWorksNewTokenGets503()
    {
        var ct = TestContext.Current.CancellationToken;
        var cached = fixture.UserToken("user-grace", "grace", "mcp:read");
        var fresh = fixture.UserToken("user-heidi", "heidi", "mcp:read");
        using var cachedClient = fixture.CreateClient(cached);
        using var freshClient = fixture.CreateClient(fresh);
        using (var warm = await cachedClient.SendAsync(McpHttp.CallTool("get_system_health"), ct))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        fixture.AuthorizationServer.IsDown = true;
        try
        {
            using var stillWorks = await cachedClient.SendAsync(McpHttp.CallTool("get_system_health"), ct);
            using var unavailable = await freshClient.SendAsync(McpHttp.CallTool("get_system_health"), ct);

            Assert.Equal(HttpStatusCode.OK, stillWorks.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
            Assert.NotNull(unavailable.Headers.RetryAfter);
        }
        finally
        {
            fixture.AuthorizationServer.IsDown = false;
        }
    }

    [Fact]
    public async Task DualStreamCallMayOnlyDoWhatBothTokensAllowAndActsAsTheUser()
    {
        var ct = TestContext.Current.CancellationToken;
        using var readOnlyUser = fixture.CreateClient(fixture.ServiceToken(), fixture.UserToken("user-ivan", "ivan", "mcp:read"));
        using var writer = fixture.CreateClient(fixture.ServiceToken(), fixture.UserToken("user-judy", "judy", "mcp:read mcp:write"));

        using var refused = await readOnlyUser.SendAsync(McpHttp.CallTool("create_ticket", new { title = "Badge reader offline" }), ct);
        var created = await McpHttp.CallToolResultAsync(writer, "create_ticket", new { title = "Badge reader offline" }, ct);
        var profile = await McpHttp.CallToolResultAsync(writer, "get_user_profile", null, ct);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(McpHttp.IsError(created));
        Assert.Contains("user-judy", McpHttp.FirstText(profile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadUserTokenIsA401NamingTheUserToken()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = fixture.CreateClient(fixture.ServiceToken(), "revoked-or-never-issued");

        using var response = await client.SendAsync(McpHttp.CallTool("list_tickets"), ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(IntrospectionDefaults.UserTokenHeader, McpHttp.Challenge(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithRedisUnreachableCallsStillSucceed()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = FreePorts.Next();
        var audience = $"http://127.0.0.1:{port}/mcp";
        await using var host = new McpResourceHost(new Dictionary<string, string?>
        {
            ["ConnectionStrings:mcpdb"] = fixture.Postgres.ConnectionString("mcpdb"),
            ["ConnectionStrings:cache"] = $"127.0.0.1:{FreePorts.Next()},connectTimeout=200",
            ["TokenValidation:Issuer"] = fixture.AuthorizationServer.Issuer,
            ["TokenValidation:Audience"] = audience,
            ["TokenValidation:ClientId"] = StubAuthorizationServer.ClientId,
            ["TokenValidation:ClientSecret"] = StubAuthorizationServer.ClientSecret,
        });
        var endpoint = host.Start(port);
        using var client = new HttpClient { BaseAddress = new Uri(endpoint.GetLeftPart(UriPartial.Authority)) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", fixture.UserToken("user-kim", "kim", "mcp:read", audience));

        var first = await McpHttp.CallToolResultAsync(client, "get_active_integrations", null, ct);
        var second = await McpHttp.CallToolResultAsync(client, "get_active_integrations", null, ct);

        Assert.False(McpHttp.IsError(first));
        Assert.False(McpHttp.IsError(second));
    }
}
