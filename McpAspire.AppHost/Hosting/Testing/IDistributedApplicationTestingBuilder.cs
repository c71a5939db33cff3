namespace McpAspire.Hosting.Testing;

/// <summary>The AppHost's model, captured for a test: change configuration or resources, then build.</summary>
public interface IDistributedApplicationTestingBuilder : IDistributedApplicationBuilder, IAsyncDisposable
{
    Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default);
}
