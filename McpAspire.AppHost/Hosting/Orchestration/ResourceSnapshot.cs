namespace McpAspire.Hosting;

/// <summary>What a resource is doing now: state, health, address, process, and why it failed.</summary>
public sealed record ResourceSnapshot(
    string Name,
    string ResourceType,
    ResourceState State,
    ResourceHealthStatus Health,
    string? Url,
    int? ProcessId,
    int? ExitCode,
    string? Message,
    DateTimeOffset Timestamp)
{
    /// <summary>Every process of the resource (one per replica); <see cref="ProcessId"/> is the first.</summary>
    public IReadOnlyList<int> ProcessIds { get; init; } = [];

    public bool IsHealthy => State == ResourceState.Running && Health == ResourceHealthStatus.Healthy;

    /// <summary>Failed or exited on its own: waiting for it to become healthy is pointless.</summary>
    public bool IsDead => State is ResourceState.FailedToStart or ResourceState.Exited;
}
