namespace McpAspire.Dashboard.Resources;

/// <summary>One resource as the dashboard shows it: what it is, how it is doing, where it listens.</summary>
/// <param name="Name">The resource name, e.g. <c>auth-server</c>.</param>
/// <param name="Kind">Postgres, Redis, Database, Project...</param>
/// <param name="State">Running, Starting, Exited, FailedToStart...</param>
/// <param name="Health">Healthy, Unhealthy or Unknown.</param>
/// <param name="Endpoints">Addresses shown as links.</param>
/// <param name="StartTime">When the current run started, if it did.</param>
/// <param name="Restarts">How many times it was started again after its first start.</param>
/// <param name="ExitCode">The exit code of the last run that ended.</param>
/// <param name="Message">Why it failed or what it waits for.</param>
public sealed record DashboardResource(
    string Name,
    string Kind,
    string State,
    string Health,
    IReadOnlyList<string> Endpoints,
    DateTimeOffset? StartTime,
    int Restarts,
    int? ExitCode,
    string? Message = null);
