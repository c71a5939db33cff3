using System.Text.Json;
using McpResource.Tests.Infrastructure;

namespace McpResource.Tests;

[Collection(McpResourceCollection.Name)]
public sealed class TicketToolTests(McpResourceFactory factory)
{
    [Fact]
    public async Task AliceCannotReadBobsTicketButAdminCan()
    {
        var ct = TestContext.Current.CancellationToken;
        using var bob = factory.CreateMcpClient(TestTokens.Service, TestTokens.Bob);
        using var bobWriter = factory.CreateMcpClient(TestTokens.Admin);
        // Bob has no write scope; an admin creates a ticket and gives it to bob.
        var created = await CreateAsync(bobWriter, "Bob's laptop will not boot", ct);
        await McpHttp.CallToolResultAsync(bobWriter, "admin_reassign_ticket",
            new { id = created, newOwner = TestTokens.BobSub, newOwnerName = "bob" }, ct);

        var bobsView = await McpHttp.CallToolResultAsync(bob, "get_ticket", new { id = created }, ct);
        Assert.False(McpHttp.IsError(bobsView));

        using var alice = factory.CreateMcpClient(TestTokens.Alice);
        var alicesView = await McpHttp.CallToolResultAsync(alice, "get_ticket", new { id = created }, ct);
        Assert.True(McpHttp.IsError(alicesView));
        Assert.Contains($"Ticket {created} was not found", McpHttp.FirstText(alicesView), StringComparison.Ordinal);

        var aliceUpdate = await McpHttp.CallToolResultAsync(alice, "update_ticket", new { id = created, status = "closed" }, ct);
        Assert.True(McpHttp.IsError(aliceUpdate));

        using var admin = factory.CreateMcpClient(TestTokens.Admin);
        var adminsView = await McpHttp.CallToolResultAsync(admin, "get_ticket", new { id = created }, ct);
        Assert.False(McpHttp.IsError(adminsView));
        using var ticket = JsonDocument.Parse(McpHttp.FirstText(adminsView));
        Assert.Equal(TestTokens.BobSub, ticket.RootElement.GetProperty("owner").GetString());
    }

    [Fact]
    public async Task UsersSeeOnlyTheirOwnTicketsAndAdminSeesAll()
    {
        var ct = TestContext.Current.CancellationToken;
        using var alice = factory.CreateMcpClient(TestTokens.Alice);
        using var admin = factory.CreateMcpClient(TestTokens.Admin);
        var alicesTicket = await CreateAsync(alice, "Alice: VPN drops every hour", ct);
        var adminsTicket = await CreateAsync(admin, "Admin: rotate certificates", ct);

        var aliceList = Ids(await McpHttp.CallToolResultAsync(alice, "list_tickets", new { limit = 100 }, ct));
        Assert.Contains(alicesTicket, aliceList);
        Assert.DoesNotContain(adminsTicket, aliceList);

        var aliceSearch = Ids(await McpHttp.CallToolResultAsync(alice, "search_tickets", new { query = "rotate" }, ct));
        Assert.DoesNotContain(adminsTicket, aliceSearch);

        var all = Ids(await McpHttp.CallToolResultAsync(admin, "admin_list_all_tickets", new { limit = 100 }, ct));
        Assert.Contains(alicesTicket, all);
        Assert.Contains(adminsTicket, all);
    }

    [Fact]
    public async Task OwnerCanUpdateAndDeleteTheirTicket()
    {
        var ct = TestContext.Current.CancellationToken;
        using var alice = factory.CreateMcpClient(TestTokens.Alice);
        var id = await CreateAsync(alice, "Monitor flickers", ct);

        var updated = await McpHttp.CallToolResultAsync(alice, "update_ticket", new { id, status = "in_progress", priority = "HIGH" }, ct);
        using (var ticket = JsonDocument.Parse(McpHttp.FirstText(updated)))
        {
            Assert.Equal("in_progress", ticket.RootElement.GetProperty("status").GetString());
            Assert.Equal("high", ticket.RootElement.GetProperty("priority").GetString());
        }

        var stats = await McpHttp.CallToolResultAsync(alice, "get_ticket_stats", null, ct);
        Assert.False(McpHttp.IsError(stats));

        var deleted = await McpHttp.CallToolResultAsync(alice, "delete_ticket", new { id }, ct);
        Assert.False(McpHttp.IsError(deleted));
        var gone = await McpHttp.CallToolResultAsync(alice, "get_ticket", new { id }, ct);
        Assert.True(McpHttp.IsError(gone));
    }

    [Theory]
    [InlineData("create_ticket", "{\"title\":\"   \"}", "'title' is required")]
    [InlineData("create_ticket", "{\"title\":\"ok\",\"priority\":\"urgent\"}", "'priority' must be one of: low, medium, high, critical")]
    [InlineData("list_tickets", "{\"status\":\"lost\"}", "'status' must be one of")]
    [InlineData("list_tickets", "{\"limit\":0}", "'limit' must be between 1 and 100")]
    [InlineData("get_ticket", "{\"id\":-3}", "'id' must be a positive ticket id")]
    [InlineData("update_ticket", "{\"id\":1}", "Nothing to change")]
    [InlineData("search_tickets", "{}", "Missing required argument 'query'")]
    [InlineData("get_ticket", "{\"id\":\"abc\"}", "Argument 'id' must be of type integer")]
    [InlineData("list_tickets", "{\"colour\":\"red\"}", "Unknown argument 'colour'")]
    public async Task BadArgumentsGiveAClearToolError(string tool, string arguments, string expected)
    {
        var ct = TestContext.Current.CancellationToken;
        using var alice = factory.CreateMcpClient(TestTokens.Alice);

        var result = await McpHttp.CallToolResultAsync(alice, tool, JsonDocument.Parse(arguments).RootElement, ct);

        Assert.True(McpHttp.IsError(result));
        Assert.Contains(expected, McpHttp.FirstText(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TooLongTitleIsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        using var alice = factory.CreateMcpClient(TestTokens.Alice);

        var result = await McpHttp.CallToolResultAsync(alice, "create_ticket", new { title = new string('t', 201) }, ct);

        Assert.True(McpHttp.IsError(result));
        Assert.Contains("'title' must be at most 200 characters", McpHttp.FirstText(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeededIntegrationsAreListed()
    {
        var ct = TestContext.Current.CancellationToken;
        using var bob = factory.CreateMcpClient(TestTokens.Bob);

        var result = await McpHttp.CallToolResultAsync(bob, "list_integrations", null, ct);

        using var integrations = JsonDocument.Parse(McpHttp.FirstText(result));
        Assert.Equal(6, integrations.RootElement.GetArrayLength());
    }

    private static async Task<long> CreateAsync(HttpClient client, string title, CancellationToken ct)
    {
        var result = await McpHttp.CallToolResultAsync(client, "create_ticket", new { title, description = "details", priority = "low" }, ct);
        Assert.False(McpHttp.IsError(result), McpHttp.FirstText(result));
        using var ticket = JsonDocument.Parse(McpHttp.FirstText(result));
        return ticket.RootElement.GetProperty("id").GetInt64();
    }

    private static List<long> Ids(JsonElement result)
    {
        Assert.False(McpHttp.IsError(result), McpHttp.FirstText(result));
        using var tickets = JsonDocument.Parse(McpHttp.FirstText(result));
        return [.. tickets.RootElement.EnumerateArray().Select(t => t.GetProperty("id").GetInt64())];
    }
}
