using System.Text.Json.Serialization;

namespace McpResource.Endpoints;

/// <summary>The RFC 9728 document. <c>scopes_supported</c> is the minimal set for basic use; more is asked for by challenges.</summary>
public sealed record ProtectedResourceMetadataDocument(
    [property: JsonPropertyName("resource")] string Resource,
    [property: JsonPropertyName("authorization_servers")] IReadOnlyList<string> AuthorizationServers,
    [property: JsonPropertyName("scopes_supported")] IReadOnlyList<string> ScopesSupported,
    [property: JsonPropertyName("bearer_methods_supported")] IReadOnlyList<string> BearerMethodsSupported,
    [property: JsonPropertyName("resource_name")] string ResourceName);
