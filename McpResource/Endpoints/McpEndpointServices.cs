using McpResource.Authorization;
using McpResource.Options;
using McpResource.Telemetry;
using Microsoft.Extensions.Options;

namespace McpResource.Endpoints;

/// <summary>What the MCP endpoint needs, bound with [AsParameters].</summary>
public sealed record McpEndpointServices(
    CallerResolver Resolver,
    CallerContext CallerContext,
    McpRefusals Refusals,
    ToolCatalog Catalog,
    PerRequestMcpServer Server,
    McpResourceTelemetry Telemetry,
    IOptions<McpServerSettings> Settings);
