namespace McpAspire.Hosting;

/// <summary>A .NET project of the solution, started as <c>dotnet &lt;assembly&gt;</c> on a free loopback port.</summary>
public sealed class ProjectResource : IResourceWithEnvironment, IResourceWithWaitSupport, IResourceWithServiceDiscovery
{
    public const string HttpEndpointName = "http";

    internal ProjectResource(string name, IProjectMetadata metadata)
    {
        Name = name;
        Metadata = metadata;
    }

    public string Name { get; }

    public IProjectMetadata Metadata { get; }

    public IDictionary<string, object> Environment { get; } = new Dictionary<string, object>(StringComparer.Ordinal);

    public ICollection<IResource> WaitsFor { get; } = new List<IResource>();

    /// <summary>The path answered with 200 when the project is healthy (<c>WithHttpHealthCheck</c>); null: running is enough.</summary>
    public string? HealthCheckPath { get; internal set; }

    /// <summary>The loopback port of the http endpoint; allocated when the app is built.</summary>
    public int? Port { get; internal set; }

    /// <summary>How many processes run the project (<c>WithReplicas</c>); with more than one, the endpoint is a proxy.</summary>
    public int Replicas { get; internal set; } = 1;

    /// <summary>Each replica's own loopback port (only with more than one replica).</summary>
    public IReadOnlyList<int> ReplicaPorts { get; internal set; } = [];

    public EndpointReference GetEndpoint(string endpointName) =>
        string.Equals(endpointName, HttpEndpointName, StringComparison.Ordinal)
            ? new EndpointReference(this, endpointName)
            : throw new ArgumentException($"'{Name}' has only the endpoint '{HttpEndpointName}', not '{endpointName}'.", nameof(endpointName));
}
