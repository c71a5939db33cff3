namespace McpAspire.Hosting;

/// <summary>A resource in the making: extension methods add references, waits and environment to it.</summary>
public interface IResourceBuilder<out T>
    where T : IResource
{
    T Resource { get; }

    IDistributedApplicationBuilder ApplicationBuilder { get; }
}
