namespace McpAspire.Hosting;

public static class ProjectResourceBuilderExtensions
{
    /// <summary>Adds a project of the solution (a class generated in the namespace <c>Projects</c>).</summary>
    public static IResourceBuilder<ProjectResource> AddProject<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new() =>
        builder.AddResource(new ProjectResource(name, new TProject()));

    /// <summary>The project is healthy when GET <paramref name="path"/> answers 200.</summary>
    public static IResourceBuilder<ProjectResource> WithHttpHealthCheck(this IResourceBuilder<ProjectResource> builder, string path = "/health")
    {
        builder.Resource.HealthCheckPath = path.StartsWith('/') ? path : "/" + path;
        return builder;
    }

    /// <summary>Runs <paramref name="replicas"/> processes behind the project's one endpoint (connections go round robin).</summary>
    public static IResourceBuilder<ProjectResource> WithReplicas(this IResourceBuilder<ProjectResource> builder, int replicas)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        builder.Resource.Replicas = replicas;
        return builder;
    }

    public static EndpointReference GetEndpoint(this IResourceBuilder<IResourceWithServiceDiscovery> builder, string name) =>
        builder.Resource.GetEndpoint(name);
}
