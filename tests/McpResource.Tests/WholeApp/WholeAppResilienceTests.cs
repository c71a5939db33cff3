using System.Net;
using System.Net.Sockets;

namespace McpResource.Tests.WholeApp;

/// <summary>McpResource while Redis or AuthServer is stopped (each is started again before the test ends).</summary>
[Collection(McpWholeAppCollection.Name)]
public sealed class WholeAppResilienceTests(McpWholeAppFixture app)
{
    private static readonly TimeSpan RestartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task CallsStillSucceedWhileRedisIsStopped()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = app.CreateMcpClient();
        var cached = await app.Tokens.ForMcpAsync("alice", ct);
        await AssertCallAsync(client, cached, HttpStatusCode.OK, ct);
        // Issued while Redis runs (AuthServer uses it too), first shown to McpResource while Redis is down.
        var fresh = await app.Tokens.ForMcpAsync("bob", ct);
        var redis = await RedisEndpointAsync(ct);

        await app.App.StopResourceAsync("cache", ct);
        try
        {
            Assert.False(await AcceptsConnectionsAsync(redis, ct), "Redis still accepts connections after it was stopped.");

            await AssertCallAsync(client, cached, HttpStatusCode.OK, ct);
            // Not in any cache: introspected at AuthServer directly, and the answer is still right.
            await AssertCallAsync(client, fresh, HttpStatusCode.OK, ct);
            using var write = await WholeAppMcp.CallToolAsync(client, fresh, "create_ticket", new { title = "bob may not write" }, ct);
            Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
            await AssertCallAsync(client, "not-a-token-anyone-issued", HttpStatusCode.Unauthorized, ct);
            // McpResource keeps serving and says so: degraded, not unhealthy.
            Assert.Equal((HttpStatusCode.OK, "Degraded"), await HealthEventuallyAsync(client, "Degraded", ct));
        }
        finally
        {
            await RestartAsync("cache");
        }

        await AssertCallAsync(client, await app.Tokens.ForMcpAsync("alice", ct), HttpStatusCode.OK, ct);
        await RevocationEventsFlowAgainAsync(client, ct);
    }

    [Fact]
    public async Task WhileAuthServerIsStoppedACachedTokenStillWorksAndANewOneGets503()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = app.CreateMcpClient();
        var cached = await app.Tokens.ForMcpAsync("alice", ct);
        await AssertCallAsync(client, cached, HttpStatusCode.OK, ct);
        var fresh = await app.Tokens.ForMcpAsync("alice", ct);

        await app.App.StopResourceAsync("auth-server", ct);
        try
        {
            await AssertCallAsync(client, cached, HttpStatusCode.OK, ct);

            using var unavailable = await WholeAppMcp.CallToolAsync(client, fresh, "list_tickets", null, ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
            Assert.NotNull(unavailable.Headers.RetryAfter);
            Assert.Equal("application/problem+json", unavailable.Content.Headers.ContentType?.MediaType);

            // Still refused, never let through, on a second try.
            using var again = await WholeAppMcp.CallToolAsync(client, fresh, "list_tickets", null, ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, again.StatusCode);
        }
        finally
        {
            await RestartAsync("auth-server");
        }

        // Once AuthServer is back, the token that could not be checked works (the outage was not cached as a refusal).
        await EventuallyOkAsync(client, fresh, ct);
    }

    /// <summary>
    /// After Redis is back, AuthServer publishes revocations again and McpResource receives them (its subscription is
    /// restored): a cached, revoked token is refused within a second. A revocation published while either service was
    /// still reconnecting is lost (the token then ends with its cache entry), so this waits up to 30 s for the channel.
    /// </summary>
    private async Task RevocationEventsFlowAgainAsync(HttpClient client, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            var token = await app.Tokens.ForMcpAsync("alice", ct);
            await AssertCallAsync(client, token, HttpStatusCode.OK, ct);
            await app.Tokens.RevokeAsync(token, ct);
            if (await WholeAppMcp.TimeUntilRefusedAsync(client, token, TimeSpan.FromSeconds(1), ct) is not null)
            {
                TestContext.Current.TestOutputHelper?.WriteLine($"Revocation events reached McpResource again at attempt {attempt}, {clock.ElapsedMilliseconds} ms after Redis was healthy.");
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "Revocation events did not reach McpResource again within 30 s of Redis being back.");
        }
    }

    /// <summary>Polls McpResource's /health for up to 10 s until its status word is <paramref name="expected"/>; returns the last answer.</summary>
    private static async Task<(HttpStatusCode Status, string Body)> HealthEventuallyAsync(HttpClient client, string expected, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (body == expected || DateTime.UtcNow > deadline)
            {
                return (response.StatusCode, body);
            }

            await Task.Delay(200, ct);
        }
    }

    private static async Task AssertCallAsync(HttpClient client, string token, HttpStatusCode expected, CancellationToken ct)
    {
        using var response = await WholeAppMcp.CallToolAsync(client, token, "list_tickets", null, ct);
        Assert.True(expected == response.StatusCode, $"Expected {expected}, got {response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
    }

    private static async Task EventuallyOkAsync(HttpClient client, string token, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var response = await WholeAppMcp.CallToolAsync(client, token, "list_tickets", null, ct);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Still {response.StatusCode} 30 s after AuthServer was back.");
            await Task.Delay(250, ct);
        }
    }

    /// <summary>Starts the resource again and waits until it is healthy, even when the test was cancelled.</summary>
    private async Task RestartAsync(string resource)
    {
        using var timeout = new CancellationTokenSource(RestartTimeout);
        await app.App.StartResourceAsync(resource, timeout.Token);
        await app.App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
    }

    private async Task<DnsEndPoint> RedisEndpointAsync(CancellationToken ct)
    {
        var connectionString = await app.GetConnectionStringAsync("cache", ct);
        var hostPort = connectionString!.Split(',')[0];
        var colon = hostPort.LastIndexOf(':');
        return new DnsEndPoint(hostPort[..colon], int.Parse(hostPort[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<bool> AcceptsConnectionsAsync(DnsEndPoint endpoint, CancellationToken ct)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(endpoint, ct).AsTask().WaitAsync(TimeSpan.FromSeconds(2), ct);
            return true;
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            return false;
        }
    }
}
