using ChatService.Tests.Infrastructure;
using Npgsql;

namespace ChatService.Tests;

/// <summary>The built-in planner against McpResource's real tools: names, arguments, result shapes and refusals.</summary>
[Collection(ChatCollection.Name)]
public sealed class RealMcpResourceTests(ChatFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AliceCreatesListsClosesAndCountsHerTicketsInTheRealMcpResource()
    {
        var mcp = await fixture.RealMcpResourceAsync(Ct);
        var chat = fixture.CreateChat(s => s["ChatService:McpResourceUri"] = mcp);
        using var alice = fixture.ClientFor(chat, "alice", "mcp:read mcp:write", mcpUri: mcp);
        var conversation = await alice.CreateConversationAsync(Ct);

        var created = await alice.AskAsync(conversation, "Open a ticket: Real VPN drops every hour, high priority", Ct);
        var id = created.GetProperty("ticket_references")[0].GetInt64();
        var listed = await alice.AskAsync(conversation, "list my open tickets", Ct);
        var closed = await alice.AskAsync(conversation, $"close ticket {id}", Ct);
        var stats = await alice.AskAsync(conversation, "ticket stats", Ct);
        var shown = await alice.AskAsync(conversation, $"show ticket #{id}", Ct);

        Assert.Equal(["create_ticket"], created.Strings("tools_used"));
        Assert.Equal(("sub-alice", "high"), await TicketAsync(id));
        Assert.Contains($"#{id} Real VPN drops every hour (open, high)", listed.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Contains("is now closed", closed.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Contains("1 closed", stats.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Contains("is closed, priority high", shown.GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BobIsToldHeLacksThePermissionToWriteAndTheRealMcpResourceStoresNothing()
    {
        var mcp = await fixture.RealMcpResourceAsync(Ct);
        var chat = fixture.CreateChat(s => s["ChatService:McpResourceUri"] = mcp);
        using var bob = fixture.ClientFor(chat, "bob", "mcp:read", mcpUri: mcp);
        var conversation = await bob.CreateConversationAsync(Ct);

        var reply = await bob.AskAsync(conversation, "Create a ticket titled Bob writes to the real server", Ct);
        var integrations = await bob.AskAsync(conversation, "What integrations are available?", Ct);
        var profile = await bob.AskAsync(conversation, "who am I", Ct);

        Assert.Contains("permission", reply.GetProperty("content").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(reply.Strings("tools_used"));
        Assert.Equal(0, await CountAsync("Bob writes to the real server"));
        Assert.Equal(["get_active_integrations"], integrations.Strings("tools_used"));
        Assert.StartsWith("Active integrations:", integrations.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("You are bob, with the scopes mcp:read", profile.GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    private async Task<(string Owner, string Priority)> TicketAsync(long id)
    {
        await using var connection = new NpgsqlConnection(fixture.RealMcpDatabase);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT owner_sub, priority FROM tickets WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        return (reader.GetString(0), reader.GetString(1));
    }

    private async Task<long> CountAsync(string title)
    {
        await using var connection = new NpgsqlConnection(fixture.RealMcpDatabase);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM tickets WHERE title = @title", connection);
        command.Parameters.AddWithValue("title", title);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
