using System.Text.Json;

namespace McpResource.Tests.WholeApp;

/// <summary>The parts of AuthServer's RFC 8414 metadata the tests use.</summary>
public sealed record AuthServerMetadata(string Issuer, Uri AuthorizationEndpoint, Uri TokenEndpoint, Uri RevocationEndpoint, Uri IntrospectionEndpoint)
{
    public static AuthServerMetadata From(JsonElement document) => new(
        document.GetProperty("issuer").GetString()!,
        new Uri(document.GetProperty("authorization_endpoint").GetString()!),
        new Uri(document.GetProperty("token_endpoint").GetString()!),
        new Uri(document.GetProperty("revocation_endpoint").GetString()!),
        new Uri(document.GetProperty("introspection_endpoint").GetString()!));
}
