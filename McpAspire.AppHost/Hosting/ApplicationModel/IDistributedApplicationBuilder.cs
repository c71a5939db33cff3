namespace McpAspire.Hosting;

/// <summary>The app model under construction and the AppHost's configuration.</summary>
public interface IDistributedApplicationBuilder
{
    ConfigurationManager Configuration { get; }

    /// <summary>The resources in the order they were added.</summary>
    IReadOnlyList<IResource> Resources { get; }

    DistributedApplicationOptions Options { get; }

    /// <summary>Code that runs before start, after start and after stop (e.g. the dashboard).</summary>
    IList<IDistributedApplicationLifecycleHook> LifecycleHooks { get; }

    IResourceBuilder<T> AddResource<T>(T resource)
        where T : IResource;

    /// <summary>A builder for a resource already in the model, e.g. to add environment in a test.</summary>
    IResourceBuilder<T> CreateResourceBuilder<T>(string name)
        where T : IResource;

    DistributedApplication Build();
}
