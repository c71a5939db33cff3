namespace McpAspire.Hosting.Testing;

public static class DistributedApplicationTestingExtensions
{
    /// <summary>An HttpClient whose base address is the project's endpoint, e.g. <c>http://127.0.0.1:5123</c>.</summary>
    public static HttpClient CreateHttpClient(this DistributedApplication app, string resourceName, string? endpointName = null) =>
        new() { BaseAddress = app.GetEndpoint(resourceName, endpointName ?? ProjectResource.HttpEndpointName) };
}
