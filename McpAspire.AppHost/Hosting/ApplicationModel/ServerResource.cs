namespace McpAspire.Hosting;

/// <summary>A server the AppHost starts on a free loopback port, or an existing one named by configuration.</summary>
public abstract class ServerResource(string name) : IResource
{
    public string Name { get; } = name;

    /// <summary>The loopback port of the started server; null before the app is built or when the server is external.</summary>
    public int? Port { get; internal set; }

    /// <summary>Set from configuration <c>ConnectionStrings:&lt;name&gt;</c>: the server exists, nothing is started for it.</summary>
    public string? ExternalConnectionString { get; internal set; }

    public bool IsExternal => ExternalConnectionString is not null;
}
