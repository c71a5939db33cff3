using System.Net;
using McpResource.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Client;

namespace McpResource.Tests;

/// <summary>The MCP C# SDK's own client against the endpoint (through the in-process server's handler).</summary>
[Collection(McpResourceCollection.Name)]
public sealed class SdkClientTests(McpResourceFactory factory)
{
    [Theory]
    [InlineData(null)]
    [InlineData("2025-11-25")]
    public async Task SdkClientListsAndCallsTools(string? protocolVersion)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var client = await ConnectAsync(TestTokens.Alice, protocolVersion, ct);

        var tools = await client.ListToolsAsync(cancellationToken: ct);
        Assert.Contains(tools, t => t.Name == "create_ticket");
        Assert.DoesNotContain(tools, t => t.Name == "admin_list_all_tickets");

        var created = await client.CallToolAsync("create_ticket",
            new Dictionary<string, object?> { ["title"] = "Created through the SDK", ["priority"] = "high" }, cancellationToken: ct);
        Assert.NotEqual(true, created.IsError);
        Assert.Contains("Created through the SDK", Assert.IsType<ModelContextProtocol.Protocol.TextContentBlock>(created.Content[0]).Text, StringComparison.Ordinal);

        var listed = await client.CallToolAsync("list_tickets", cancellationToken: ct);
        Assert.Contains("Created through the SDK", ((ModelContextProtocol.Protocol.TextContentBlock)listed.Content[0]).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SdkClientWithReadOnlyTokenIsRefusedTheWriteTool()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var client = await ConnectAsync(TestTokens.Bob, "2025-11-25", ct);

        var tools = await client.ListToolsAsync(cancellationToken: ct);
        Assert.DoesNotContain(tools, t => t.Name == "create_ticket");

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.CallToolAsync("create_ticket",
            new Dictionary<string, object?> { ["title"] = "nope" }, cancellationToken: ct).AsTask());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task SdkToolsWorkAsAiFunctions()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var client = await ConnectAsync(TestTokens.Bob, null, ct);
        var tools = await client.ListToolsAsync(cancellationToken: ct);

        AIFunction health = tools.Single(t => t.Name == "get_system_health");
        var result = await health.InvokeAsync(new AIFunctionArguments(), ct);

        Assert.Contains("healthy", result?.ToString(), StringComparison.Ordinal);
    }

    private async Task<McpClient> ConnectAsync(string token, string? protocolVersion, CancellationToken ct)
    {
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions
            {
                Endpoint = new Uri(factory.Server.BaseAddress, "/mcp"),
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
            },
            factory.CreateDefaultClient(),
            loggerFactory: null,
            ownsHttpClient: true);
        return await McpClient.CreateAsync(
            transport,
            new McpClientOptions { ClientInfo = new() { Name = "mcp-resource-tests", Version = "1.0" }, ProtocolVersion = protocolVersion },
            cancellationToken: ct);
    }
}
