using System.Net;
using System.Text;
using McpResource.Tests.Infrastructure;

namespace McpResource.Tests;

[Collection(McpResourceCollection.Name)]
public sealed class ProtocolTests(McpResourceFactory factory)
{
    [Fact]
    public async Task InitializeNegotiatesTheRequestedProtocolVersion()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateMcpClient(TestTokens.Bob);

        using var response = await client.SendAsync(McpHttp.Request("initialize", new
        {
            protocolVersion = "2025-11-25",
            capabilities = new { },
            clientInfo = new { name = "test", version = "1.0" },
        }), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await McpHttp.ReadMessageAsync(response, ct)).GetProperty("result");
        Assert.Equal("2025-11-25", result.GetProperty("protocolVersion").GetString());
        Assert.True(result.GetProperty("capabilities").TryGetProperty("tools", out _));
        Assert.Equal("mcp-resource", result.GetProperty("serverInfo").GetProperty("name").GetString());
    }

    [Fact]
    public async Task PingIsAnswered()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateMcpClient(TestTokens.Bob);

        using var response = await client.SendAsync(McpHttp.Request("ping"), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await McpHttp.ReadMessageAsync(response, ct)).TryGetProperty("result", out _));
    }

    [Fact]
    public async Task NotificationIsAcceptedWithoutBody()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateMcpClient(TestTokens.Bob);

        using var response = await client.SendAsync(McpHttp.Request("notifications/initialized", notification: true), ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(ct));
    }

    [Theory]
    [InlineData("application/json", "application/json")]
    [InlineData("text/event-stream", "text/event-stream")]
    [InlineData("application/json, text/event-stream", "text/event-stream")]
    [InlineData("text/event-stream;q=0.5, application/json", "application/json")]
    [InlineData("*/*", "text/event-stream")]
    public async Task ResponseFormatFollowsTheAcceptHeader(string accept, string expected)
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateMcpClient(TestTokens.Bob);

        using var response = await client.SendAsync(McpHttp.Request("ping", accept: accept), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, McpHttp.ContentType(response)?.MediaType);
        Assert.True((await McpHttp.ReadMessageAsync(response, ct)).TryGetProperty("result", out _));
    }

    [Fact]
    public async Task AcceptWithoutJsonOrEventStreamIs406()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateMcpClient(TestTokens.Bob);

        using var response = await client.SendAsync(McpHttp.Request("ping", accept: "text/html"), ct);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal(-32600, (await McpHttp.ReadMessageAsync(response, ct)).GetProperty("error").GetProperty("code").GetInt32());
    }

    [Theory]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":", -32700)]
    [InlineData("not json at all", -32700)]
    [InlineData("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", -32600)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":7}", -32600)]
    [InlineData("{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"ping\"}", -32600)]
    [InlineData("42", -32600)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}", -32600)]
    public async Task MalformedMessagesGetJsonRpcErrors(string body, int code)
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateMcpClient(TestTokens.Bob);

        using var response = await client.SendAsync(McpHttp.Raw(body), ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", McpHttp.ContentType(response)?.MediaType);
        var message = await McpHttp.ReadMessageAsync(response, ct);
        Assert.Equal("2.0", message.GetProperty("jsonrpc").GetString());
        Assert.Equal(code, message.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Theory]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\"}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"get_ticket\",\"arguments\":\"id=1\"}}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":42}}")]
    public async Task ToolCallWithMalformedParamsGetsAJsonRpcError(string body)
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateMcpClient(TestTokens.Alice);

        using var response = await client.SendAsync(McpHttp.Raw(body), ct);

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"status {response.StatusCode}");
        var message = await McpHttp.ReadMessageAsync(response, ct);
        Assert.True(message.TryGetProperty("error", out var error), message.ToString());
        Assert.Equal(5, message.GetProperty("id").GetInt32());
        Assert.InRange(error.GetProperty("code").GetInt32(), -32603, -32600);
    }

    [Fact]
    public async Task UnknownMethodGetsMethodNotFound()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateMcpClient(TestTokens.Bob);

        using var response = await client.SendAsync(McpHttp.Request("tickets/explode"), ct);

        var message = await McpHttp.ReadMessageAsync(response, ct);
        Assert.Equal(-32601, message.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task UnknownToolGetsInvalidParams()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateMcpClient(TestTokens.Admin);

        using var response = await client.SendAsync(McpHttp.CallTool("no_such_tool"), ct);

        var message = await McpHttp.ReadMessageAsync(response, ct);
        Assert.Equal(-32602, message.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task UnsupportedProtocolVersionHeaderIs400()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateMcpClient(TestTokens.Bob);
        using var request = McpHttp.Request("ping");
        request.Headers.Remove("MCP-Protocol-Version");
        request.Headers.Add("MCP-Protocol-Version", "1999-01-01");

        using var response = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await McpHttp.ReadMessageAsync(response, ct)).GetProperty("error");
        Assert.Equal(-32600, error.GetProperty("code").GetInt32());
        Assert.Contains("2025-11-25", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitializeWithAnUnsupportedVersionIsAnsweredWithTheVersionsTheServerSupports()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateMcpClient(TestTokens.Bob);
        using var request = McpHttp.Request("initialize", new
        {
            protocolVersion = "2030-01-01",
            capabilities = new { },
            clientInfo = new { name = "test", version = "1.0" },
        });
        request.Headers.Remove("MCP-Protocol-Version");

        using var response = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = (await McpHttp.ReadMessageAsync(response, ct)).GetProperty("error");
        Assert.Equal(-32022, error.GetProperty("code").GetInt32());
        Assert.Contains("2025-11-25", error.GetProperty("data").GetProperty("supported").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task MismatchedMcpMethodHeaderIsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateMcpClient(TestTokens.Bob);
        using var request = McpHttp.Request("ping");
        request.Headers.Add("Mcp-Method", "tools/list");

        using var response = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = await McpHttp.ReadMessageAsync(response, ct);
        Assert.Equal(-32020, message.GetProperty("error").GetProperty("code").GetInt32());
        Assert.True(message.GetProperty("id").ValueKind == System.Text.Json.JsonValueKind.Number);
    }

    [Fact]
    public async Task GetIsNotAllowed()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateMcpClient(TestTokens.Bob);

        using var response = await client.GetAsync("/mcp", ct);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task BodyOverTheLimitIs413()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateMcpClient(TestTokens.Alice);
        var padding = new string('x', 1024 * 1024 + 10);

        using var response = await client.SendAsync(McpHttp.CallTool("create_ticket", new { title = "big", description = padding }), ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(-32600, (await McpHttp.ReadMessageAsync(response, ct)).GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task NonJsonContentTypeIs415()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateMcpClient(TestTokens.Bob);
        using var request = McpHttp.Request("ping");
        request.Content = new StringContent("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", Encoding.UTF8, "text/plain");

        using var response = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(-32600, (await McpHttp.ReadMessageAsync(response, ct)).GetProperty("error").GetProperty("code").GetInt32());
    }
}
