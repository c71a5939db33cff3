using System.Globalization;

namespace McpAspire.Hosting;

/// <summary>The address of a project's endpoint: <c>http://127.0.0.1:&lt;port&gt;</c>, known once the app is built.</summary>
public sealed class EndpointReference(ProjectResource resource, string endpointName) : IValueProvider
{
    public ProjectResource Resource { get; } = resource;

    public string EndpointName { get; } = endpointName;

    /// <summary>The URL without a trailing slash; throws until the app is built (ports are allocated then).</summary>
    public string Url => Resource.Port is { } port
        ? string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}")
        : throw new InvalidOperationException($"The endpoint '{EndpointName}' of '{Resource.Name}' has no port before the app is built.");

    public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<string?>(Url);

    public override string ToString() => Resource.Port is null ? $"{{{Resource.Name}.{EndpointName}}}" : Url;
}
