using System.Globalization;

namespace McpAspire.Hosting.Orchestration;

/// <summary>
/// The environment a project is started with: its address and environment name, the Aspire configuration keys
/// (OTEL_SERVICE_NAME; OTEL_EXPORTER_OTLP_ENDPOINT only when the AppHost has a collector configured), then the
/// model's own entries (references, WithEnvironment), resolved to strings.
/// </summary>
internal static class ProjectEnvironment
{
    // With replicas, `replica` says which one: its own port in ASPNETCORE_URLS and its instance id.
    public static async Task<IReadOnlyDictionary<string, string>> ResolveAsync(ProjectResource project, AppHostSettings settings, CancellationToken cancellationToken, int? replica = null)
    {
        var environment = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = project.GetEndpoint(ProjectResource.HttpEndpointName).Url,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["OTEL_SERVICE_NAME"] = project.Name,
        };
        if (replica is { } index && project.ReplicaPorts.Count > index)
        {
            environment["ASPNETCORE_URLS"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{project.ReplicaPorts[index]}");
            environment["OTEL_RESOURCE_ATTRIBUTES"] = string.Create(CultureInfo.InvariantCulture, $"service.instance.id={project.Name}-{index}");
        }

        if (settings.OtlpEndpoint is { } otlp)
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp;
        }

        foreach (var (name, value) in project.Environment)
        {
            environment[name] = value switch
            {
                string text => text,
                IValueProvider provider => await provider.GetValueAsync(cancellationToken) ?? "",
                _ => value.ToString() ?? "",
            };
        }

        return environment;
    }

    /// <summary>Inherited variables that would fight ASPNETCORE_URLS.</summary>
    public static readonly string[] Removed = ["ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "HTTP_PORTS", "HTTPS_PORTS", "DOTNET_ENVIRONMENT"];
}
