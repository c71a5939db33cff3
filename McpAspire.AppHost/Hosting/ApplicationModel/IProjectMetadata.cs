namespace McpAspire.Hosting;

/// <summary>
/// A project of the app model, generated per project reference of the AppHost (namespace <c>Projects</c>):
/// its project file and the assembly its build produced.
/// </summary>
public interface IProjectMetadata
{
    string ProjectPath { get; }

    string AssemblyPath { get; }
}
