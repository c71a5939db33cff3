namespace McpAspire.Hosting;

/// <summary>References, waits and environment, as Aspire spells them.</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>Adds <c>ConnectionStrings__&lt;name&gt;</c> to the resource's environment.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithConnectionString> source)
        where T : IResourceWithEnvironment
    {
        builder.Resource.Environment["ConnectionStrings__" + source.Resource.Name] = source.Resource.ConnectionStringExpression;
        return builder;
    }

    /// <summary>Adds <c>services__&lt;name&gt;__http__0</c> (the project's address) to the resource's environment.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithServiceDiscovery> source)
        where T : IResourceWithEnvironment
    {
        builder.Resource.Environment[$"services__{source.Resource.Name}__{ProjectResource.HttpEndpointName}__0"] =
            source.Resource.GetEndpoint(ProjectResource.HttpEndpointName);
        return builder;
    }

    /// <summary>Starts the resource only once <paramref name="dependency"/> is healthy; it fails at once if the dependency fails.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : IResourceWithWaitSupport
    {
        if (!builder.Resource.WaitsFor.Contains(dependency.Resource))
        {
            builder.Resource.WaitsFor.Add(dependency.Resource);
        }

        return builder;
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value)
        where T : IResourceWithEnvironment
    {
        builder.Resource.Environment[name] = value;
        return builder;
    }

    /// <summary>A value resolved at start: an <see cref="EndpointReference"/>, a <see cref="ReferenceExpression"/>, a parameter.</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, IValueProvider value)
        where T : IResourceWithEnvironment
    {
        builder.Resource.Environment[name] = value;
        return builder;
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, IResourceBuilder<ParameterResource> parameter)
        where T : IResourceWithEnvironment
    {
        builder.Resource.Environment[name] = parameter.Resource;
        return builder;
    }
}
