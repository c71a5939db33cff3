using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using McpAspire.Hosting.Orchestration;

namespace McpAspire.Hosting;

/// <summary>
/// The running app: the model's resources under the orchestrator. <c>Run()</c> is the developer's loop (console lines,
/// Ctrl+C/SIGTERM stop); tests use <c>StartAsync</c>/<c>DisposeAsync</c> through the testing builder.
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly Orchestrator _orchestrator;
    private readonly AppHostState _state;
    private readonly AppHostSettings _settings;
    private readonly IReadOnlyList<IDistributedApplicationLifecycleHook> _hooks;
    private bool _disposed;

    internal DistributedApplication(
        IReadOnlyList<IResource> resources,
        DistributedApplicationOptions options,
        AppHostSettings settings,
        AppHostState state,
        IConfiguration configuration,
        IReadOnlyList<IDistributedApplicationLifecycleHook> hooks)
    {
        _hooks = hooks;
        Resources = resources;
        Options = options;
        Configuration = configuration;
        _settings = settings;
        _state = state;
        ResourceLogs = new ResourceLoggerService();
        _orchestrator = new Orchestrator(resources, new OrchestratorContext(options, settings, state, ResourceLogs));
    }

    public IReadOnlyList<IResource> Resources { get; }

    public DistributedApplicationOptions Options { get; }

    public IConfiguration Configuration { get; }

    public ResourceNotificationService ResourceNotifications => _orchestrator.Notifications;

    /// <summary>Each resource's captured stdout/stderr (bounded).</summary>
    public ResourceLoggerService ResourceLogs { get; }

    /// <summary>Where development state lives (<c>.mcpaspire/</c>), or the test's temporary directory.</summary>
    public string StateDirectory => _state.Directory;

    /// <summary>The address the dashboard is served on (configuration AppHost:DashboardUrl; printed at start).</summary>
    public string DashboardUrl => _settings.DashboardUrl;

    /// <summary>What the console says about the dashboard: "Reserved" until a lifecycle hook serves it.</summary>
    public string DashboardState { get; set; } = "Reserved";

    public static DistributedApplicationBuilder CreateBuilder(string[] args) =>
        new(new DistributedApplicationOptions { Args = args, IsTesting = EntryPointCapture.IsActive, CapturedByTest = EntryPointCapture.IsActive });

    /// <summary>Starts every resource and returns when all are healthy; throws (having stopped everything) when one fails.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        foreach (var hook in _hooks)
        {
            await hook.BeforeStartAsync(this, cancellationToken);
        }

        await _orchestrator.StartAsync(cancellationToken);
        foreach (var hook in _hooks)
        {
            await hook.AfterStartAsync(this, cancellationToken);
        }
    }

    /// <summary>Stops every resource in reverse dependency order.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _orchestrator.StopAsync();

    public Task StopResourceAsync(string name, CancellationToken cancellationToken = default) => _orchestrator.StopResourceAsync(name, cancellationToken);

    public Task StartResourceAsync(string name, CancellationToken cancellationToken = default) => _orchestrator.StartResourceAsync(name, cancellationToken);

    /// <summary>The environment the project <paramref name="resourceName"/> is (or would be) started with.</summary>
    public Task<IReadOnlyDictionary<string, string>> GetEnvironmentVariablesAsync(string resourceName, CancellationToken cancellationToken = default) =>
        ProjectEnvironment.ResolveAsync(Resource<ProjectResource>(resourceName), _settings, cancellationToken);

    public async Task<string?> GetConnectionStringAsync(string resourceName, CancellationToken cancellationToken = default) =>
        await Resource<IResourceWithConnectionString>(resourceName).ConnectionStringExpression.GetValueAsync(cancellationToken);

    /// <summary>The address of a project's endpoint, e.g. <c>http://127.0.0.1:5123</c>.</summary>
    public Uri GetEndpoint(string resourceName, string endpointName = ProjectResource.HttpEndpointName) =>
        new(Resource<ProjectResource>(resourceName).GetEndpoint(endpointName).Url);

    public void Run() => RunAsync().GetAwaiter().GetResult();

    /// <summary>
    /// Starts everything, prints one line per resource, then runs until Ctrl+C or SIGTERM and stops everything.
    /// A failed start prints the cause and fix and sets a non-zero exit code.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            _orchestrator.ShuttingDown = true;
            stop.Cancel();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var console = new ConsoleReporter(ResourceNotifications, ResourceLogs, Resources.Where(r => r is not ParameterResource).Select(r => r.Name), _settings.Verbose);
        console.WriteLine($"McpAspire AppHost: starting {ResourceNotifications.GetSnapshots().Count} resources (state in {_state.Directory})");
        try
        {
            foreach (var hook in _hooks)
            {
                await hook.BeforeStartAsync(this, stop.Token);
            }

            console.WriteResourceLine("dashboard", DashboardState, _settings.DashboardUrl);
            await _orchestrator.StartAsync(stop.Token);
            foreach (var hook in _hooks)
            {
                await hook.AfterStartAsync(this, stop.Token);
            }

            var sinceProcessStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"All resources healthy {sinceProcessStart.TotalMilliseconds:0} ms after the AppHost started.{(_settings.ExitWhenHealthy ? "" : " Press Ctrl+C to stop.")}"));
            if (!_settings.ExitWhenHealthy)
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        catch (DistributedApplicationException ex)
        {
            Console.Error.WriteLine();
            Console.Error.WriteLine("The app could not start. " + ex.Message);
            Environment.ExitCode = 1;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Environment.ExitCode = 130;
        }
        finally
        {
            var stopping = Stopwatch.StartNew();
            console.WriteLine("Stopping...");
            await DisposeAsync();
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Stopped in {stopping.Elapsed.TotalSeconds:0.0} s."));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _orchestrator.DisposeAsync();
        foreach (var hook in _hooks)
        {
            await hook.AfterStopAsync(this);
        }

        _state.Delete();
    }

    private T Resource<T>(string name)
        where T : IResource =>
        Resources.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.Ordinal)) switch
        {
            T typed => typed,
            null => throw new ArgumentException($"The app model has no resource named '{name}'.", nameof(name)),
            var other => throw new ArgumentException($"The resource '{name}' is a {other.GetType().Name}, not a {typeof(T).Name}.", nameof(name)),
        };
}
