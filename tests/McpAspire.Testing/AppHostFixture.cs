using McpAspire.Hosting;
using McpAspire.Hosting.Testing;

namespace McpAspire.Testing;

/// <summary>
/// The whole app, started once from the AppHost's model (McpAspire.AppHost/Program.cs) for a test collection:
/// PostgreSQL, Redis and the three services on free loopback ports, each healthy before the first test runs.
/// Use it as a collection fixture (<c>ICollectionFixture&lt;AppHostFixture&gt;</c>); derive from it and override
/// <see cref="Configure"/> to change configuration or a service's environment before the app is built.
/// Disposing stops every process and removes the temporary state.
/// </summary>
public class AppHostFixture : IAsyncLifetime
{
    private DistributedApplication? _app;

    /// <summary>How long starting the whole app may take before the fixture fails.</summary>
    public static TimeSpan StartTimeout { get; } = TimeSpan.FromMinutes(3);

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The app is not started yet.");

    public HttpClient CreateHttpClient(string resourceName) => App.CreateHttpClient(resourceName);

    public Task<string?> GetConnectionStringAsync(string resourceName, CancellationToken cancellationToken = default) =>
        App.GetConnectionStringAsync(resourceName, cancellationToken);

    /// <summary>The project's base address, e.g. <c>http://127.0.0.1:5123</c>.</summary>
    public Uri GetEndpoint(string resourceName) => App.GetEndpoint(resourceName);

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.McpAspire_AppHost>(timeout.Token);
        Configure(builder);
        _app = await builder.BuildAsync(timeout.Token);
        try
        {
            await _app.StartAsync(timeout.Token);
        }
        catch
        {
            // The failure names the resource and quotes its output; leave no process or directory behind.
            await _app.DisposeAsync();
            _app = null;
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Called before the app is built, e.g.
    /// <c>builder.CreateResourceBuilder&lt;ProjectResource&gt;("auth-server").WithEnvironment("AuthServer__AccessTokenLifetime", "00:00:05")</c>.
    /// </summary>
    protected virtual void Configure(IDistributedApplicationTestingBuilder builder)
    {
    }
}
