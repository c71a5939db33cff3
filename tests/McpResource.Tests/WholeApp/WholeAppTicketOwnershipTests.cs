namespace McpResource.Tests.WholeApp;

/// <summary>Tickets belong to their owner: other users cannot read them, the admin can.</summary>
[Collection(McpWholeAppCollection.Name)]
public sealed class WholeAppTicketOwnershipTests(McpWholeAppFixture app)
{
    [Fact]
    public async Task AliceCannotReadBobsTicketButTheAdminCan()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = app.CreateMcpClient();
        var alice = await app.Tokens.ForMcpAsync("alice", ct);
        var bob = await app.Tokens.ForMcpAsync("bob", ct);
        var admin = await app.Tokens.ForMcpAsync("admin", ct);

        // bob may only read, so his ticket comes from the admin: created, then given to him.
        var bobSub = (await WholeAppMcp.CallToolJsonAsync(client, bob, "get_user_profile", null, ct)).GetProperty("subject").GetString()!;
        var title = $"Printer on floor 3 ({Guid.NewGuid():N})";
        var created = await WholeAppMcp.CallToolJsonAsync(client, admin, "create_ticket", new { title, description = "It jams." }, ct);
        var id = created.GetProperty("id").GetInt64();
        var reassigned = await WholeAppMcp.CallToolJsonAsync(client, admin, "admin_reassign_ticket", new { id, newOwner = bobSub, newOwnerName = "bob" }, ct);
        Assert.Equal(bobSub, reassigned.GetProperty("owner").GetString());

        var bobReads = await WholeAppMcp.CallToolJsonAsync(client, bob, "get_ticket", new { id }, ct);
        Assert.Equal(title, bobReads.GetProperty("title").GetString());

        var (aliceReads, aliceRefused) = await WholeAppMcp.CallToolTextAsync(client, alice, "get_ticket", new { id }, ct);
        Assert.True(aliceRefused, $"alice read bob's ticket: {aliceReads}");
        Assert.DoesNotContain(title, aliceReads, StringComparison.Ordinal);
        var aliceList = await WholeAppMcp.CallToolJsonAsync(client, alice, "list_tickets", new { limit = 100 }, ct);
        Assert.DoesNotContain(aliceList.EnumerateArray(), t => t.GetProperty("id").GetInt64() == id);
        var (aliceUpdate, aliceUpdateRefused) = await WholeAppMcp.CallToolTextAsync(client, alice, "update_ticket", new { id, status = "closed" }, ct);
        Assert.True(aliceUpdateRefused, $"alice changed bob's ticket: {aliceUpdate}");

        var adminReads = await WholeAppMcp.CallToolJsonAsync(client, admin, "get_ticket", new { id }, ct);
        Assert.Equal(title, adminReads.GetProperty("title").GetString());
        Assert.Equal("open", adminReads.GetProperty("status").GetString());
        var all = await WholeAppMcp.CallToolJsonAsync(client, admin, "admin_list_all_tickets", new { owner = bobSub, limit = 100 }, ct);
        Assert.Contains(all.EnumerateArray(), t => t.GetProperty("id").GetInt64() == id);
    }
}
