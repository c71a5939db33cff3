namespace McpAspire.Hosting.Orchestration;

/// <summary>Starts, checks and stops one resource of the model.</summary>
internal abstract class ResourceRunner(IResource resource, OrchestratorContext context)
{
    public IResource Resource { get; } = resource;

    public string Name => Resource.Name;

    protected OrchestratorContext Context { get; } = context;

    public abstract string ResourceType { get; }

    public virtual string? Url => null;

    /// <summary>The process started for the resource, if any (its exit during start fails the start at once).</summary>
    public ManagedProcess? Process { get; protected set; }

    /// <summary>Every process of the resource (several for a project with replicas).</summary>
    public virtual IReadOnlyList<ManagedProcess> Processes => Process is null ? [] : [Process];

    /// <summary>Completes when any of the resource's processes exits (never when it has none).</summary>
    public Task<ManagedProcess> AnyExited(CancellationToken cancellationToken)
    {
        var processes = Processes;
        if (processes.Count == 0)
        {
            return Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith<ManagedProcess>(
                _ => throw new OperationCanceledException(cancellationToken), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }

        return Task.WhenAny(processes.Select(async process =>
        {
            await process.Exited;
            return process;
        })).Unwrap();
    }

    public virtual TimeSpan HealthPollInterval => TimeSpan.FromMilliseconds(100);

    /// <summary>Why the last health check failed (for the timeout message).</summary>
    public string? LastHealthProblem { get; protected set; }

    /// <summary>Set while the orchestrator stops the resource on purpose (its exit is then not a failure).</summary>
    public bool StopRequested { get; set; }

    public CancellationTokenSource? Monitor { get; set; }

    /// <summary>When the current run started: its output is what failure messages quote.</summary>
    public DateTimeOffset StartedAt { get; set; }

    public IEnumerable<IResource> Dependencies =>
        (Resource is IResourceWithParent child ? [child.Parent] : Array.Empty<IResource>())
            .Concat(Resource is IResourceWithWaitSupport waiting ? waiting.WaitsFor : []);

    /// <summary>Launches the resource; throws <see cref="DistributedApplicationException"/> naming cause and fix.</summary>
    public abstract Task StartAsync(CancellationToken cancellationToken);

    /// <summary>True when healthy; false (with <see cref="LastHealthProblem"/>) otherwise; throws only when waiting is pointless.</summary>
    public abstract Task<bool> CheckHealthAsync(CancellationToken cancellationToken);

    public virtual Task StopAsync(TimeSpan timeout) => Process?.StopAsync("TERM", timeout) ?? Task.CompletedTask;

    /// <summary>The fix to suggest when the process exited during start, from its last output.</summary>
    public virtual string ExitFix(IReadOnlyList<ResourceLogLine> lastLines) =>
        lastLines.Any(line => line.Text.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            ? "another program took the port chosen for it; start again (a new free port is picked each run)"
            : "read its output above; run with --verbose to see all of it";
}
