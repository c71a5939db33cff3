using System.Net;
using McpAspire.Dashboard.Resources;
using McpAspire.Dashboard.Telemetry;

namespace McpAspire.Dashboard.Tests;

/// <summary>A dashboard on free loopback ports with a resource board the test feeds; stopped at dispose.</summary>
internal sealed class TestDashboard : IAsyncDisposable
{
    public const string Token = "test-dashboard-token-4f1c2a";

    private TestDashboard(RunningDashboard running, ResourceBoard board)
    {
        Running = running;
        Board = board;
    }

    public RunningDashboard Running { get; }

    public ResourceBoard Board { get; }

    public TelemetryStore Telemetry => Running.Telemetry;

    public Uri OtlpTraces => new(Running.OtlpEndpoint + "/v1/traces");

    public Uri OtlpMetrics => new(Running.OtlpEndpoint + "/v1/metrics");

    public Uri OtlpLogs => new(Running.OtlpEndpoint + "/v1/logs");

    public static async Task<TestDashboard> StartAsync(Action<DashboardOptions>? configure = null)
    {
        var options = new DashboardOptions
        {
            Url = "http://127.0.0.1:0",
            OtlpUrl = "http://127.0.0.1:0",
            BrowserToken = Token,
        };
        configure?.Invoke(options);
        var board = new ResourceBoard(options.MaxConsoleLinesPerResource);
        var running = await DashboardHost.StartAsync(board, options, TestContext.Current.CancellationToken);
        return new TestDashboard(running, board);
    }

    /// <summary>A client that does not follow redirects and keeps no cookies (each request says who it is).</summary>
    public HttpClient AnonymousClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Running.BrowserUrl, Timeout = TimeSpan.FromSeconds(20) };

    /// <summary>A client signed in through the printed login address.</summary>
    public async Task<HttpClient> SignedInClientAsync()
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = Running.BrowserUrl, Timeout = TimeSpan.FromSeconds(20) };
        using var login = await client.GetAsync(new Uri(Running.LoginUrl), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return client;
    }

    /// <summary>Publishes the app's five resources as running and healthy.</summary>
    public void PublishAppResources()
    {
        var started = DateTimeOffset.UtcNow.AddMinutes(-2);
        Board.Publish(new DashboardResource("postgres", "Postgres", "Running", "Healthy", ["tcp://127.0.0.1:50001"], started, 0, null));
        Board.Publish(new DashboardResource("cache", "Redis", "Running", "Healthy", ["tcp://127.0.0.1:50002"], started, 0, null));
        Board.Publish(new DashboardResource("auth-server", "Project", "Running", "Healthy", ["http://127.0.0.1:50003"], started, 0, null));
        Board.Publish(new DashboardResource("mcp-resource", "Project", "Running", "Healthy", ["http://127.0.0.1:50004"], started, 1, null));
        Board.Publish(new DashboardResource("chat-service", "Project", "Running", "Healthy", ["http://127.0.0.1:50005"], started, 0, null));
    }

    public async ValueTask DisposeAsync() => await Running.DisposeAsync();
}
