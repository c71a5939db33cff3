namespace McpAspire.Hosting;

/// <summary>A named part of the app model: a server, a database, a parameter or a project.</summary>
public interface IResource
{
    string Name { get; }
}
