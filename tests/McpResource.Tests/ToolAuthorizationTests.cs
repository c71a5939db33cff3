using System.Net;
using System.Text.Json;
using McpResource.Authorization;
using McpResource.Tests.Infrastructure;

namespace McpResource.Tests;

[Collection(McpResourceCollection.Name)]
public sealed class ToolAuthorizationTests(McpResourceFactory factory)
{
    private static readonly string[] ReadTools =
    [
        "get_active_integrations", "get_system_health", "get_ticket", "get_ticket_stats", "get_user_profile",
        "list_integrations", "list_tickets", "search_tickets",
    ];

    private static readonly string[] WriteTools = ["create_ticket", "delete_ticket", "update_ticket"];
    private static readonly string[] AdminTools = ["admin_list_all_tickets", "admin_reassign_ticket"];
    private static readonly string[] ClientAloneTools = ["get_active_integrations", "get_system_health", "list_integrations"];

    [Fact]
    public async Task ReadToolWorksWithReadOnlyToken()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateMcpClient(TestTokens.Bob);

        var result = await McpHttp.CallToolResultAsync(client, "get_active_integrations", null, ct);

        Assert.False(McpHttp.IsError(result));
        using var integrations = JsonDocument.Parse(McpHttp.FirstText(result));
        Assert.Contains(integrations.RootElement.EnumerateArray(), i => i.GetProperty("name").GetString() == "GitHub");
        Assert.All(integrations.RootElement.EnumerateArray(), i => Assert.True(i.GetProperty("isActive").GetBoolean()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WriteToolWithReadOnlyTokenIsRefusedWith403InsufficientScopeNamingTheNeededScopes(bool withNameHeader)
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateMcpClient(TestTokens.Bob);
        using var request = McpHttp.CallTool("create_ticket", new { title = "Printer on fire" });
        if (withNameHeader)
        {
            request.Headers.Add("Mcp-Name", "create_ticket");
        }

        using var response = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var challenge = McpHttp.Challenge(response)!;
        Assert.StartsWith("Bearer error=\"insufficient_scope\"", challenge, StringComparison.Ordinal);
        Assert.Contains("scope=\"mcp:read mcp:write\"", challenge, StringComparison.Ordinal);
        Assert.Contains("resource_metadata=\"http://localhost/.well-known/oauth-protected-resource/mcp\"", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminToolWithUserTokenIsRefusedNamingTheAdminScope()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateMcpClient(TestTokens.Alice);

        using var response = await client.SendAsync(McpHttp.CallTool("admin_list_all_tickets"), ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("scope=\"mcp:read mcp:admin\"", McpHttp.Challenge(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task McpNameHeaderDecidesTheScopeBeforeTheBodyIsRead()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateMcpClient(TestTokens.Bob);

        // The body is not even JSON: the 403 can only come from the headers.
        using var request = McpHttp.Raw("{ this body is never parsed");
        request.Headers.Add("Mcp-Method", "tools/call");
        request.Headers.Add("Mcp-Name", "delete_ticket");
        using var response = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("scope=\"mcp:read mcp:write\"", McpHttp.Challenge(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task McpNameHeaderOfAPermittedToolStillHasToMatchTheBody()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateMcpClient(TestTokens.Bob);
        using var request = McpHttp.CallTool("delete_ticket", new { id = 1 });
        request.Headers.Add("Mcp-Name", "list_tickets");

        using var response = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(-32020, (await McpHttp.ReadMessageAsync(response, ct)).GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task MismatchedMcpNameHeaderIsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateMcpClient(TestTokens.Admin);
        using var request = McpHttp.CallTool("delete_ticket", new { id = 1 });
        request.Headers.Add("Mcp-Name", "get_system_health");

        using var response = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = await McpHttp.ReadMessageAsync(response, ct);
        Assert.Equal(-32020, message.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Theory]
    [InlineData(TestTokens.Bob, "read")]
    [InlineData(TestTokens.Alice, "read write")]
    [InlineData(TestTokens.Admin, "read write admin")]
    [InlineData(TestTokens.NoMcpScopes, "")]
    public async Task ToolsListShowsOnlyTheToolsTheCallerMayCall(string token, string groups)
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateMcpClient(token);

        var names = await ListToolNamesAsync(client, ct);

        var expected = groups.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(g => g switch { "read" => ReadTools, "write" => WriteTools, _ => AdminTools })
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, names);
    }

    [Fact]
    public async Task ServiceCallingAloneSeesAndMayCallOnlyToolsThatTouchNoUserData()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateMcpClient(TestTokens.Service);

        Assert.Equal(ClientAloneTools, await ListToolNamesAsync(client, ct));
        var health = await McpHttp.CallToolResultAsync(client, "get_system_health", null, ct);
        Assert.False(McpHttp.IsError(health));

        using var response = await client.SendAsync(McpHttp.CallTool("list_tickets"), ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(McpHeaders.UserToken, await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceCallingWithAUserTokenActsAsThatUserWithTheScopesBothTokensAllow()
    {
        var ct = TestContext.Current.CancellationToken;
        using var asAlice = factory.CreateMcpClient(TestTokens.Service, TestTokens.Alice);
        var profile = await McpHttp.CallToolResultAsync(asAlice, "get_user_profile", null, ct);
        using (var document = JsonDocument.Parse(McpHttp.FirstText(profile)))
        {
            Assert.Equal(TestTokens.AliceSub, document.RootElement.GetProperty("subject").GetString());
            Assert.Equal("chat-service", document.RootElement.GetProperty("clientId").GetString());
            Assert.Equal(["mcp:read", "mcp:write"], document.RootElement.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        }

        // A read-only service token narrows what alice's token allows...
        using var narrowedService = factory.CreateMcpClient(TestTokens.ServiceReadOnly, TestTokens.Alice);
        using var refused = await narrowedService.SendAsync(McpHttp.CallTool("create_ticket", new { title = "x" }), ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        // ...and bob's read-only user token narrows the full service token.
        using var asBob = factory.CreateMcpClient(TestTokens.Service, TestTokens.Bob);
        using var bobWrite = await asBob.SendAsync(McpHttp.CallTool("create_ticket", new { title = "x" }), ct);
        Assert.Equal(HttpStatusCode.Forbidden, bobWrite.StatusCode);
        Assert.Contains("insufficient_scope", McpHttp.Challenge(bobWrite), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadUserTokenIs401NamingTheUserToken()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateMcpClient(TestTokens.Service, "forged-user-token");

        using var response = await client.SendAsync(McpHttp.CallTool("list_tickets"), ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = McpHttp.Challenge(response)!;
        Assert.Contains("error=\"invalid_token\"", challenge, StringComparison.Ordinal);
        Assert.Contains($"error_description=\"The user token ({McpHeaders.UserToken})", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserTokenThatCannotBeCheckedGets503()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = factory.CreateMcpClient(TestTokens.Service, TestTokens.Unreachable);

        using var response = await client.SendAsync(McpHttp.CallTool("list_tickets"), ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    private static async Task<IReadOnlyList<string>> ListToolNamesAsync(HttpClient client, CancellationToken ct)
    {
        using var response = await client.SendAsync(McpHttp.Request("tools/list"), ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = await McpHttp.ReadMessageAsync(response, ct);
        return [.. message.GetProperty("result").GetProperty("tools").EnumerateArray()
            .Select(t => t.GetProperty("name").GetString()!)
            .Order(StringComparer.Ordinal)];
    }
}
