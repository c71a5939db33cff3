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

    public static EndpointReference GetEndpoint(this IResourceBuilder<IResourceWithServiceDiscovery> builder, string name) =>
        builder.Resource.GetEndpoint(name);
}
