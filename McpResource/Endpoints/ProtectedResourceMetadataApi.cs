using McpResource.Authorization;
using McpResource.Options;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace McpResource.Endpoints;

/// <summary>RFC 9728 protected resource metadata, at the path-specific well-known URL and at the root form.</summary>
public static class ProtectedResourceMetadataApi
{
    public static RouteGroupBuilder MapProtectedResourceMetadataApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/.well-known/oauth-protected-resource");
        group.MapGet("", GetMetadata);
        group.MapGet("/mcp", GetMetadata);
        group.RequireCors(McpCors.MetadataPolicy);
        return group;
    }

    private static Ok<ProtectedResourceMetadataDocument> GetMetadata(
        HttpContext context, IOptions<ProtectedResourceOptions> resource, IOptions<McpServerSettings> settings)
    {
        context.Response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Ok(new ProtectedResourceMetadataDocument(
            resource.Value.Audience,
            [resource.Value.Issuer],
            McpScopes.Basic,
            ["header"],
            settings.Value.ResourceName));
    }
}
