namespace McpAspire.Hosting;

/// <summary>
/// Code that runs with the app (e.g. the dashboard): before the resources start, after all are healthy, and after
/// they have stopped. Registered with <see cref="DistributedApplicationBuilderExtensions.AddLifecycleHook"/>.
/// </summary>
public interface IDistributedApplicationLifecycleHook
{
    Task BeforeStartAsync(DistributedApplication app, CancellationToken cancellationToken) => Task.CompletedTask;

    Task AfterStartAsync(DistributedApplication app, CancellationToken cancellationToken) => Task.CompletedTask;

    Task AfterStopAsync(DistributedApplication app) => Task.CompletedTask;
}
