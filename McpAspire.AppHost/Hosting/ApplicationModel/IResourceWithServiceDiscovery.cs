namespace McpAspire.Hosting;

/// <summary>A resource others reach by address: <c>services__&lt;name&gt;__http__0</c> in their environment.</summary>
public interface IResourceWithServiceDiscovery : IResource
{
    EndpointReference GetEndpoint(string endpointName);
}
