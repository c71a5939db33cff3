using System.Diagnostics;
using System.Globalization;

namespace McpAspire.Hosting.Orchestration;

/// <summary>
/// Starts the model's resources in dependency order (each waits for what it references with WaitFor and for its
/// parent; independent ones start in parallel), fails fast and loudly, watches them while they run, and stops them
/// in reverse dependency order.
/// </summary>
internal sealed class Orchestrator : IAsyncDisposable
{
    private const int OutputLinesInFailure = 12;

    /// <summary>How often a running resource's health is checked again (the dashboard shows it).</summary>
    private static readonly TimeSpan MonitorInterval = TimeSpan.FromSeconds(3);

    /// <summary>Output that says why a process died (quoted in the failure message).</summary>
    private static readonly string[] KeyMarkers = ["address already in use", "Unhandled exception", "FATAL", "Error:", "error:"];

    private readonly List<ResourceRunner> _runners;
    private readonly Dictionary<string, ResourceRunner> _byName;
    private readonly OrchestratorContext _context;
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromSeconds(30) });
    private readonly SemaphoreSlim _lifecycle = new(1, 1);

    public Orchestrator(IReadOnlyList<IResource> resources, OrchestratorContext context)
    {
        _context = context;
        var serverLocks = new Dictionary<PostgresServerResource, SemaphoreSlim>();
        _runners = [];
        foreach (var resource in resources)
        {
            ResourceRunner? runner = resource switch
            {
                PostgresServerResource server => new PostgresServerRunner(server, context),
                PostgresDatabaseResource database => new PostgresDatabaseRunner(database, context, ServerLock(serverLocks, database.Parent)),
                RedisResource redis => new RedisRunner(redis, context),
                ProjectResource project => new ProjectRunner(project, context, _http),
                _ => null,
            };
            if (runner is not null)
            {
                _runners.Add(runner);
            }
        }

        _byName = _runners.ToDictionary(runner => runner.Name, StringComparer.Ordinal);
        Notifications = new ResourceNotificationService(_runners.Select(runner => new ResourceSnapshot(
            runner.Name, runner.ResourceType, ResourceState.NotStarted, ResourceHealthStatus.Unknown, SafeUrl(runner), null, null, null, DateTimeOffset.UtcNow)));
    }

    public ResourceNotificationService Notifications { get; }

    /// <summary>Set once the app is stopping: resources that exit now are not reported as crashed.</summary>
    public bool ShuttingDown { get; set; }

    public IEnumerable<string> ResourceNames => _runners.Select(runner => runner.Name);

    /// <summary>Starts everything; on the first failure stops what started and throws the root cause.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            ShuttingDown = false;
            using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var pending = _runners.Select(runner => StartOneAsync(runner, waitForDependencies: true, failFast.Token)).ToList();
            Exception? failure = null;
            while (pending.Count > 0)
            {
                var done = await Task.WhenAny(pending);
                pending.Remove(done);
                if (done.Exception?.InnerException is { } exception && Rank(exception) > Rank(failure))
                {
                    failure = exception;
                }

                if (!done.IsCompletedSuccessfully)
                {
                    await failFast.CancelAsync();
                }
            }

            if (failure is not null && !cancellationToken.IsCancellationRequested)
            {
                var root = (failure as DistributedApplicationException)?.ResourceName ?? "another resource";
                foreach (var runner in _runners)
                {
                    Notifications.Publish(runner.Name, s => s.State is ResourceState.NotStarted or ResourceState.Waiting or ResourceState.Starting
                        ? s with { State = ResourceState.FailedToStart, Health = ResourceHealthStatus.Unhealthy, Message = $"not started: '{root}' failed" }
                        : s);
                }
            }

            if (failure is not null || cancellationToken.IsCancellationRequested)
            {
                await StopAllCoreAsync();
                cancellationToken.ThrowIfCancellationRequested();
                throw failure!;
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    public async Task StopAsync()
    {
        await _lifecycle.WaitAsync();
        try
        {
            await StopAllCoreAsync();
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops one resource (e.g. a test stops the database to see health turn); its dependents keep running.</summary>
    public async Task StopResourceAsync(string name, CancellationToken cancellationToken)
    {
        var runner = Runner(name);
        await StopOneAsync(runner, _context.Settings.StopTimeout);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Starts one stopped resource again, on the same port and data, and waits until it is healthy.</summary>
    public Task StartResourceAsync(string name, CancellationToken cancellationToken) =>
        StartOneAsync(Runner(name), waitForDependencies: false, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        foreach (var runner in _runners.OfType<IAsyncDisposable>())
        {
            await runner.DisposeAsync();
        }

        _http.Dispose();
        _lifecycle.Dispose();
    }

    private static int Rank(Exception? exception) => exception switch
    {
        null => 0,
        OperationCanceledException => 1,
        DistributedApplicationException { IsDependencyFailure: true } => 2,
        _ => 3,
    };

    private static SemaphoreSlim ServerLock(Dictionary<PostgresServerResource, SemaphoreSlim> locks, PostgresServerResource server)
    {
        if (!locks.TryGetValue(server, out var found))
        {
            found = new SemaphoreSlim(1, 1);
            locks[server] = found;
        }

        return found;
    }

    private static string? SafeUrl(ResourceRunner runner)
    {
        try
        {
            return runner.Url;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private ResourceRunner Runner(string name) =>
        _byName.TryGetValue(name, out var runner) ? runner : throw new ArgumentException($"There is no resource named '{name}'.", nameof(name));

    private async Task StartOneAsync(ResourceRunner runner, bool waitForDependencies, CancellationToken cancellationToken)
    {
        try
        {
            if (waitForDependencies)
            {
                Notifications.Publish(runner.Name, s => s with { State = ResourceState.Waiting, Message = null });
                foreach (var dependency in runner.Dependencies)
                {
                    try
                    {
                        await Notifications.WaitForResourceHealthyAsync(dependency.Name, cancellationToken);
                    }
                    catch (DistributedApplicationException)
                    {
                        throw new DistributedApplicationException(runner.Name, $"'{dependency.Name}', which it waits for, failed", fix: null) { IsDependencyFailure = true };
                    }
                }
            }

            runner.StopRequested = false;
            runner.StartedAt = DateTimeOffset.UtcNow;
            Notifications.Publish(runner.Name, s => s with { State = ResourceState.Starting, Health = ResourceHealthStatus.Unknown, ExitCode = null, Message = null });
            await runner.StartAsync(cancellationToken);
            Notifications.Publish(runner.Name, s => s with
            {
                State = ResourceState.Running,
                ProcessId = runner.Process?.Id,
                ProcessIds = [.. runner.Processes.Select(process => process.Id)],
                Url = SafeUrl(runner),
            });
            await WaitUntilHealthyAsync(runner, cancellationToken);
            Notifications.Publish(runner.Name, s => s with { Health = ResourceHealthStatus.Healthy });
            StartMonitor(runner);
        }
        catch (OperationCanceledException)
        {
            Notifications.Publish(runner.Name, s => s with { State = ResourceState.NotStarted, Message = "start cancelled" });
            throw;
        }
        catch (DistributedApplicationException ex)
        {
            Notifications.Publish(runner.Name, s => s with { State = ResourceState.FailedToStart, Health = ResourceHealthStatus.Unhealthy, Message = ex.Message });
            throw;
        }
        catch (Exception ex)
        {
            var wrapped = new DistributedApplicationException(runner.Name, ex.Message, fix: null, ex);
            Notifications.Publish(runner.Name, s => s with { State = ResourceState.FailedToStart, Health = ResourceHealthStatus.Unhealthy, Message = wrapped.Message });
            throw wrapped;
        }
    }

    private async Task WaitUntilHealthyAsync(ResourceRunner runner, CancellationToken cancellationToken)
    {
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var exited = runner.AnyExited(stopWatching.Token);
        try
        {
            await PollUntilHealthyAsync(runner, exited, cancellationToken);
        }
        finally
        {
            await stopWatching.CancelAsync();
        }
    }

    private async Task PollUntilHealthyAsync(ResourceRunner runner, Task exited, CancellationToken cancellationToken)
    {
        var timeout = _context.Settings.ResourceStartTimeout;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (runner.Processes.FirstOrDefault(process => process.HasExited) is { } process)
            {
                throw ExitedDuringStart(runner, await process.Exited);
            }

            if (await runner.CheckHealthAsync(cancellationToken))
            {
                return;
            }

            if (clock.Elapsed > timeout)
            {
                throw new DistributedApplicationException(
                    runner.Name,
                    $"it did not become healthy within {timeout.TotalSeconds:0} s: {runner.LastHealthProblem ?? "no answer"}{OutputTail(runner)}",
                    "read its output; raise AppHost:ResourceStartTimeout if it is only slow");
            }

            var delay = Task.Delay(runner.HealthPollInterval, cancellationToken);
            await Task.WhenAny(delay, exited);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private DistributedApplicationException ExitedDuringStart(ResourceRunner runner, int exitCode)
    {
        var lines = RunOutput(runner);
        var key = lines.FirstOrDefault(line => KeyMarkers.Any(marker => line.Text.Contains(marker, StringComparison.OrdinalIgnoreCase)));
        return new DistributedApplicationException(
            runner.Name,
            $"it exited with code {exitCode.ToString(CultureInfo.InvariantCulture)} before it became healthy{(key.Text is null ? "" : ": " + key.Text.Trim())}{OutputTail(runner)}",
            runner.ExitFix(lines));
    }

    private List<ResourceLogLine> RunOutput(ResourceRunner runner) =>
        [.. _context.Logs.GetLines(runner.Name).Where(line => line.Timestamp >= runner.StartedAt)];

    private string OutputTail(ResourceRunner runner)
    {
        var lines = RunOutput(runner).Where(line => !string.IsNullOrWhiteSpace(line.Text)).ToList();
        var tail = lines.Skip(Math.Max(0, lines.Count - OutputLinesInFailure))
            .Select(line => "    " + (line.Text.Length > 240 ? line.Text[..240] + "..." : line.Text));
        return lines.Count == 0 ? "" : "\n  Last output:\n" + string.Join('\n', tail);
    }

    /// <summary>While the resource runs: reports its exit, and its health every few seconds (the dashboard shows both).</summary>
    private void StartMonitor(ResourceRunner runner)
    {
        var monitor = new CancellationTokenSource();
        runner.Monitor = monitor;
        var token = monitor.Token;
        _ = Task.Run(async () =>
        {
            var exited = runner.AnyExited(token);
            while (!token.IsCancellationRequested)
            {
                var tick = Task.Delay(MonitorInterval, token);
                await Task.WhenAny(exited, tick);
                if (token.IsCancellationRequested)
                {
                    return;
                }

                if (exited.IsCompletedSuccessfully)
                {
                    if (!runner.StopRequested && !ShuttingDown)
                    {
                        var code = await (await exited).Exited;
                        Notifications.Publish(runner.Name, s => s with
                        {
                            State = ResourceState.Exited,
                            Health = ResourceHealthStatus.Unhealthy,
                            ExitCode = code,
                            Message = $"exited unexpectedly with code {code.ToString(CultureInfo.InvariantCulture)}",
                        });
                    }

                    return;
                }

                try
                {
                    var healthy = await runner.CheckHealthAsync(token);
                    var status = healthy ? ResourceHealthStatus.Healthy : ResourceHealthStatus.Unhealthy;
                    if (!token.IsCancellationRequested && Notifications.GetSnapshot(runner.Name).Health != status)
                    {
                        Notifications.Publish(runner.Name, s => s with { Health = status, Message = healthy ? null : runner.LastHealthProblem });
                    }
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (DistributedApplicationException ex)
                {
                    Notifications.Publish(runner.Name, s => s with { Health = ResourceHealthStatus.Unhealthy, Message = ex.Message });
                }
            }
        }, CancellationToken.None);
    }

    private async Task StopAllCoreAsync()
    {
        ShuttingDown = true;
        var deadline = Stopwatch.StartNew();
        var budget = _context.Settings.StopTimeout;
        var stops = new Dictionary<ResourceRunner, Task>();

        Task StopAfterDependents(ResourceRunner runner)
        {
            if (stops.TryGetValue(runner, out var existing))
            {
                return existing;
            }

            var dependents = _runners.Where(other => other.Dependencies.Contains(runner.Resource)).ToList();
            var task = StopAfter(dependents.Select(StopAfterDependents).ToList(), runner);
            stops[runner] = task;
            return task;
        }

        async Task StopAfter(List<Task> dependents, ResourceRunner runner)
        {
            await Task.WhenAll(dependents);
            var remaining = budget - deadline.Elapsed;
            await StopOneAsync(runner, remaining > TimeSpan.FromMilliseconds(500) ? remaining : TimeSpan.FromMilliseconds(500));
        }

        await Task.WhenAll(_runners.Select(StopAfterDependents).ToList());
    }

    private async Task StopOneAsync(ResourceRunner runner, TimeSpan timeout)
    {
        var state = Notifications.GetSnapshot(runner.Name).State;
        if (state is ResourceState.NotStarted or ResourceState.Stopped && runner.Processes.All(process => process.HasExited))
        {
            return;
        }

        runner.StopRequested = true;
        if (runner.Monitor is { } monitor)
        {
            await monitor.CancelAsync();
            monitor.Dispose();
            runner.Monitor = null;
        }

        if (state is ResourceState.Running or ResourceState.Starting or ResourceState.Waiting)
        {
            Notifications.Publish(runner.Name, s => s with { State = ResourceState.Stopping });
        }

        await runner.StopAsync(timeout);
        Notifications.Publish(runner.Name, s => s with
        {
            State = s.State is ResourceState.FailedToStart or ResourceState.Exited ? s.State : ResourceState.Stopped,
            Health = ResourceHealthStatus.Unknown,
        });
    }
}
