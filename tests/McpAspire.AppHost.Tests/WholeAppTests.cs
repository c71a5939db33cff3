using System.Net;
using McpAspire.Testing;

namespace McpAspire.AppHost.Tests;

[Collection(WholeAppCollection.Name)]
public class WholeAppTests(AppHostFixture fixture)
{
    private static readonly string[] Services = ["auth-server", "mcp-resource", "chat-service"];

    [Fact]
    public async Task EveryResourceOfTheModelIsRunningAndHealthy()
    {
        var ct = TestContext.Current.CancellationToken;
        var snapshots = fixture.App.ResourceNotifications.GetSnapshots();

        Assert.Equal(["auth-server", "authdb", "cache", "chat-service", "chatdb", "mcp-resource", "mcpdb", "postgres"], snapshots.Select(s => s.Name).Order());
        foreach (var name in snapshots.Select(s => s.Name))
        {
            await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync(name, ct).WaitAsync(TimeSpan.FromSeconds(10), ct);
        }

        foreach (var service in Services)
        {
            using var client = fixture.CreateHttpClient(service);
            using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(fixture.GetEndpoint(service), client.BaseAddress);
            Assert.Equal("127.0.0.1", client.BaseAddress!.Host);
        }
    }

    [Fact]
    public async Task ServiceHealthTurnsUnhealthyWhenTheDatabaseStopsAndRecoversWhenItIsBack()
    {
        var ct = TestContext.Current.CancellationToken;
        await fixture.App.StopResourceAsync("postgres", ct);
        try
        {
            foreach (var service in Services)
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, await HealthEventuallyAsync(service, HttpStatusCode.ServiceUnavailable, ct));
            }
        }
        finally
        {
            await fixture.App.StartResourceAsync("postgres", ct);
        }

        foreach (var service in Services)
        {
            Assert.Equal(HttpStatusCode.OK, await HealthEventuallyAsync(service, HttpStatusCode.OK, ct));
        }
    }

    /// <summary>Polls GET /health for up to 30 s until it answers <paramref name="expected"/>; returns the last status.</summary>
    private async Task<HttpStatusCode> HealthEventuallyAsync(string service, HttpStatusCode expected, CancellationToken ct)
    {
        using var client = fixture.CreateHttpClient(service);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), ct);
            if (response.StatusCode == expected || DateTime.UtcNow > deadline)
            {
                return response.StatusCode;
            }

            await Task.Delay(200, ct);
        }
    }
}
