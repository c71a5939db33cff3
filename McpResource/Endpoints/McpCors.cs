using McpResource.Authorization;
using McpResource.Options;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace McpResource.Endpoints;

/// <summary>
/// Browser access: the public metadata is readable from any origin (browser-based MCP clients discover the server
/// from JavaScript); <c>/mcp</c> only from the configured origins, with the MCP headers and the challenge exposed.
/// </summary>
public sealed class McpCors(IOptions<McpServerSettings> settings) : IConfigureOptions<CorsOptions>
{
    public const string MetadataPolicy = "public-metadata";
    public const string McpPolicy = "mcp-endpoint";

    public void Configure(CorsOptions options)
    {
        options.AddPolicy(MetadataPolicy, policy => policy.AllowAnyOrigin().WithMethods(HttpMethods.Get));
        options.AddPolicy(McpPolicy, policy => policy
            .WithOrigins(settings.Value.AllowedOrigins)
            .WithMethods(HttpMethods.Post)
            .WithHeaders("Authorization", "Content-Type", "Accept", McpHeaders.ProtocolVersion, McpHeaders.Method, McpHeaders.Name,
                "Mcp-Session-Id", "Last-Event-ID")
            .WithExposedHeaders("WWW-Authenticate", "Mcp-Session-Id", "Retry-After"));
    }

    /// <summary>
    /// The MCP transport's Origin rule: a browser request from an origin that is neither this server's nor an allowed
    /// one is refused, so a page on another site cannot reach the server through DNS rebinding.
    /// </summary>
    public static bool IsOriginAllowed(HttpRequest request, McpServerSettings settings)
    {
        var origin = request.Headers.Origin;
        if (origin.Count == 0)
        {
            return true;
        }

        if (origin.Count > 1)
        {
            return false;
        }

        var value = origin[0]!;
        var own = $"{request.Scheme}://{request.Host.Value}";
        return string.Equals(value, own, StringComparison.OrdinalIgnoreCase)
            || settings.AllowedOrigins.Contains(value, StringComparer.OrdinalIgnoreCase);
    }
}
