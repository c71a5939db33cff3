namespace McpAspire.Hosting;

/// <summary>A resource that can wait for others to be healthy before it starts.</summary>
public interface IResourceWithWaitSupport : IResource
{
    ICollection<IResource> WaitsFor { get; }
}
