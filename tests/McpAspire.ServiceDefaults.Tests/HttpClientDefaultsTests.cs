using System.Diagnostics;
using System.Net;
using McpAspire.ServiceDefaults.Http;
using McpAspire.ServiceDefaults.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace McpAspire.ServiceDefaults.Tests;

public sealed class HttpClientDefaultsTests
{
    private static CancellationToken Timeout(int seconds = 60) =>
        CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken, new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token).Token;

    private sealed class Target
    {
        public int Calls;
    }

    private static Task<TestApp> StartTargetAsync(Target target, CancellationToken ct) => TestApp.StartAsync(
        new Dictionary<string, string?>(),
        _ => { },
        app =>
        {
            app.MapGet("/echo", (HttpContext context) => context.Request.Path + context.Request.QueryString);
            app.MapMethods("/flaky", ["GET", "POST"], () =>
                Interlocked.Increment(ref target.Calls) <= 2 ? Results.StatusCode(503) : Results.Text("ok"));
            app.MapGet("/slow", async (CancellationToken aborted) =>
            {
                Interlocked.Increment(ref target.Calls);
                await Task.Delay(TimeSpan.FromSeconds(20), aborted);
                return "late";
            });
        },
        ct);

    private static ServiceProvider Clients(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddDefaultHttpClients(configuration);
        services.AddHttpClient("named");
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task A_service_name_in_the_url_is_resolved_from_the_services_configuration()
    {
        var ct = Timeout();
        await using var target = await StartTargetAsync(new Target(), ct);
        await using var provider = Clients(new() { ["services:auth-server:http:0"] = target.Address.ToString() });
        var factory = provider.GetRequiredService<IHttpClientFactory>();

        Assert.Equal("/echo?x=1", await factory.CreateClient().GetStringAsync(new Uri("http://auth-server/echo?x=1"), ct));
        using var named = factory.CreateClient("named");
        named.BaseAddress = new Uri("http://auth-server/");
        Assert.Equal("/echo", await named.GetStringAsync(new Uri("echo", UriKind.Relative), ct));
    }

    [Fact]
    public void Unknown_names_and_real_host_names_are_left_alone()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["services:mcp-resource:http:0"] = "http://127.0.0.1:5123",
        }).Build();
        Assert.Null(ServiceAddressHandler.Resolve(configuration, new Uri("http://chat-service/x")));
        Assert.Null(ServiceAddressHandler.Resolve(configuration, new Uri("http://example.org/x")));
        Assert.Null(ServiceAddressHandler.Resolve(configuration, new Uri("http://127.0.0.1:80/x")));
        Assert.Equal(new Uri("http://127.0.0.1:5123/mcp?a=b"), ServiceAddressHandler.Resolve(configuration, new Uri("https://mcp-resource/mcp?a=b")));
    }

    [Fact]
    public async Task Idempotent_requests_are_retried_on_transient_failures_but_posts_are_not()
    {
        var ct = Timeout();
        var state = new Target();
        await using var target = await StartTargetAsync(state, ct);
        await using var provider = Clients(new() { ["HttpClientDefaults:RetryDelay"] = "00:00:00.010" });
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient();

        using var get = await client.GetAsync(new Uri(target.Address, "/flaky"), ct);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(3, state.Calls);

        state.Calls = 0;
        using var post = await client.PostAsync(new Uri(target.Address, "/flaky"), new StringContent("{}"), ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, post.StatusCode);
        Assert.Equal(1, state.Calls);
    }

    [Fact]
    public async Task A_slow_service_times_out_after_the_total_timeout_as_a_cancelled_request()
    {
        var ct = Timeout();
        var state = new Target();
        await using var target = await StartTargetAsync(state, ct);
        await using var provider = Clients(new()
        {
            ["HttpClientDefaults:AttemptTimeout"] = "00:00:00.300",
            ["HttpClientDefaults:TotalTimeout"] = "00:00:01",
            ["HttpClientDefaults:RetryDelay"] = "00:00:00.010",
        });
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient();

        var watch = Stopwatch.StartNew();
        var failure = await Assert.ThrowsAsync<TaskCanceledException>(() => client.GetAsync(new Uri(target.Address, "/slow"), ct));
        Assert.IsType<TimeoutException>(failure.InnerException);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(5));
        Assert.True(state.Calls >= 2, $"attempts: {state.Calls}");
    }

    [Fact]
    public async Task Repeated_failures_open_the_circuit_and_later_requests_fail_fast_with_an_HttpRequestException()
    {
        var ct = Timeout();
        var deadPort = FreePorts.Next();
        await using var provider = Clients(new()
        {
            ["HttpClientDefaults:MaxRetryAttempts"] = "0",
            ["HttpClientDefaults:CircuitMinimumThroughput"] = "4",
            ["HttpClientDefaults:CircuitBreakDuration"] = "00:00:30",
        });
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient();
        var uri = new Uri($"http://127.0.0.1:{deadPort}/x");

        HttpRequestException? last = null;
        for (var i = 0; i < 6; i++)
        {
            last = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(uri, new StringContent("{}"), ct));
        }

        Assert.Contains("circuit open", last!.Message, StringComparison.Ordinal);
    }
}
