namespace McpAspire.Hosting;

/// <summary>A resource that lives inside another one (a database in its server) and starts after it.</summary>
public interface IResourceWithParent : IResource
{
    IResource Parent { get; }
}
