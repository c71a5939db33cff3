using McpResource.Tools;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpResource.Endpoints;

/// <summary>
/// Runs one JSON-RPC message through a stateless MCP server created for this request only (so each request can
/// negotiate its own protocol version, sees only the tools its caller may call, and runs in the request's DI scope).
/// </summary>
public sealed class PerRequestMcpServer(ILoggerFactory loggerFactory)
{
    private static readonly Implementation ServerInfo = new()
    {
        Name = "mcp-resource",
        Title = "McpAspire help desk tools",
        Version = typeof(PerRequestMcpServer).Assembly.GetName().Version?.ToString(3) ?? "1.0.0",
    };

    /// <summary>The server's output as SSE frames, or null when the message needs no response (notifications).</summary>
    public async Task<MemoryStream?> RunAsync(
        JsonRpcMessage message, IEnumerable<McpServerTool> tools, IServiceProvider requestServices, CancellationToken cancellationToken)
    {
        var toolCollection = new McpServerPrimitiveCollection<McpServerTool>();
        foreach (var tool in tools)
        {
            toolCollection.Add(tool);
        }

        var options = new McpServerOptions
        {
            ServerInfo = ServerInfo,
            ScopeRequests = false,
            ToolCollection = toolCollection,
            Capabilities = new ServerCapabilities { Tools = new ToolsCapability() },
            ServerInstructions = "Help desk tools: tickets (read and write your own), integrations and system health.",
        };
        options.Filters.Request.CallToolFilters.Add(ArgumentSchemaFilter.Create);

        var transport = new StreamableHttpServerTransport(loggerFactory) { Stateless = true };
        var output = new MemoryStream();
        await using var server = McpServer.Create(transport, options, loggerFactory, requestServices);
        var run = server.RunAsync(cancellationToken);
        bool responded;
        try
        {
            responded = await transport.HandlePostRequestAsync(message, output, cancellationToken);
        }
        finally
        {
            await transport.DisposeAsync();
            await run;
        }

        if (!responded)
        {
            await output.DisposeAsync();
            return null;
        }

        output.Position = 0;
        return output;
    }
}
