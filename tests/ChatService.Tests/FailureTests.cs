using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatService.Mcp;
using ChatService.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatService.Tests;

/// <summary>The failures a user meets, each answered the way the issue asks.</summary>
[Collection(ChatCollection.Name)]
public sealed class FailureTests(ChatFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnExpiredServiceTokenIsRenewedAndTheCallRetriedWithoutTheUserNoticing()
    {
        var chat = fixture.CreateChat();
        using var alice = fixture.ClientFor(chat, "alice", "mcp:read mcp:write");
        var conversation = await alice.CreateConversationAsync(Ct);
        await alice.AskAsync(conversation, "list my tickets", Ct);
        var tokens = chat.Services.GetRequiredService<ServiceTokenManager>();
        Assert.Equal(1, tokens.TokenRequests);
        var refusedBefore = fixture.Mcp.Unauthorized;

        fixture.Auth.ExpireServiceTokens();
        var reply = await alice.AskAsync(conversation, "Create a ticket titled Token renewal check", Ct);

        Assert.Equal(["create_ticket"], reply.Strings("tools_used"));
        Assert.Contains(fixture.Mcp.Tickets, t => t.Title == "Token renewal check" && t.Owner == "sub-alice");
        Assert.Equal(2, tokens.TokenRequests);
        Assert.Equal(refusedBefore + 1, fixture.Mcp.Unauthorized);
    }

    [Fact]
    public async Task WhenMcpResourceIsDownTheAssistantAnswersWithoutToolsAndSaysSo()
    {
        var chat = fixture.CreateChat(s => s["ChatService:McpResourceUri"] = $"http://127.0.0.1:{FreePorts.Next()}/mcp");
        using var alice = fixture.ClientFor(chat, "alice", "mcp:read mcp:write");
        var conversation = await alice.CreateConversationAsync(Ct);

        using var response = await alice.SendAsync(conversation, "list my tickets", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(reply.GetProperty("tools_unavailable").GetBoolean());
        Assert.Contains("unavailable", reply.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Empty(reply.Strings("tools_used"));
    }

    [Fact]
    public async Task ATokenNotIssuedForMcpResourceIsNeverPassedOnAndTheReplySaysTheToolsAreUnavailable()
    {
        var toolCalls = fixture.Mcp.ToolCalls;
        using var alice = fixture.ClientFor(fixture.Chat, "alice", "mcp:read mcp:write", forTools: false);
        var conversation = await alice.CreateConversationAsync(Ct);

        var reply = await alice.AskAsync(conversation, "Create a ticket titled Should not exist", Ct);

        Assert.True(reply.GetProperty("tools_unavailable").GetBoolean());
        Assert.DoesNotContain(fixture.Mcp.Tickets, t => t.Title == "Should not exist");
        Assert.Equal(toolCalls, fixture.Mcp.ToolCalls);
    }

    [Fact]
    public async Task AFailingModelEndpointIsA503ProblemAndTheUsersMessageIsKept()
    {
        await using var model = await FakeModelEndpoint.StartAsync(Ct);
        model.Failing = true;
        var chat = fixture.CreateChat(s =>
        {
            s["ChatService:Agent:Provider"] = "openai";
            s["ChatService:Agent:Endpoint"] = model.Endpoint;
            s["ChatService:Agent:Model"] = "fake-model";
            s["ChatService:Agent:ApiKey"] = "test-key";
        });
        using var alice = fixture.ClientFor(chat, "alice", "mcp:read mcp:write");
        var conversation = await alice.CreateConversationAsync(Ct);

        using var response = await alice.SendAsync(conversation, "Please list my tickets", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = await alice.GetFromJsonAsync<JsonElement>($"/api/chat/conversations/{conversation}", Ct);
        var message = Assert.Single(detail.GetProperty("messages").EnumerateArray());
        Assert.Equal("user", message.GetProperty("role").GetString());
        Assert.Equal("Please list my tickets", message.GetProperty("content").GetString());
    }

    [Fact]
    public async Task AnOpenAICompatibleModelGetsTheUsersToolsAndItsToolCallRunsAsTheUser()
    {
        await using var model = await FakeModelEndpoint.StartAsync(Ct);
        var chat = fixture.CreateChat(s =>
        {
            s["ChatService:Agent:Provider"] = "openai";
            s["ChatService:Agent:Endpoint"] = model.Endpoint;
            s["ChatService:Agent:Model"] = "fake-model";
        });
        using var alice = fixture.ClientFor(chat, "alice", "mcp:read mcp:write");
        var conversation = await alice.CreateConversationAsync(Ct);

        var reply = await alice.AskAsync(conversation, "My build agent's disk is full", Ct);

        var ticket = Assert.Single(fixture.Mcp.Tickets, t => t.Title == "Disk full on build agent");
        Assert.Equal("sub-alice", ticket.Owner);
        Assert.Equal(["create_ticket"], reply.Strings("tools_used"));
        Assert.StartsWith("The tool said: ", reply.GetProperty("content").GetString(), StringComparison.Ordinal);
        var first = model.Requests.First();
        var offered = first["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("create_ticket", offered);
        Assert.Equal("fake-model", first["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task AModelThatKeepsCallingToolsIsStoppedAfterTheConfiguredNumberOfModelCalls()
    {
        await using var model = await FakeModelEndpoint.StartAsync(Ct);
        model.AlwaysCallTools = true;
        model.ToolCall = ("get_active_integrations", "{}");
        var chat = fixture.CreateChat(s =>
        {
            s["ChatService:Agent:Provider"] = "openai";
            s["ChatService:Agent:Endpoint"] = model.Endpoint;
            s["ChatService:Agent:Model"] = "fake-model";
            s["ChatService:Agent:MaxIterations"] = "3";
        });
        using var alice = fixture.ClientFor(chat, "alice", "mcp:read");
        var conversation = await alice.CreateConversationAsync(Ct);

        var reply = await alice.AskAsync(conversation, "What integrations are there?", Ct);

        Assert.Equal(3, model.Requests.Count);
        Assert.Null(model.Requests.Last()["tools"]);
        Assert.StartsWith("The tool said: ", reply.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal(["get_active_integrations"], reply.Strings("tools_used"));
    }

    [Fact]
    public async Task AModelCallingAToolTheUserMayNotUseGetsARefusalAndNothingChanges()
    {
        await using var model = await FakeModelEndpoint.StartAsync(Ct);
        model.ToolCall = ("create_ticket", "{\"title\":\"Bob was here\"}");
        var chat = fixture.CreateChat(s =>
        {
            s["ChatService:Agent:Provider"] = "openai";
            s["ChatService:Agent:Endpoint"] = model.Endpoint;
            s["ChatService:Agent:Model"] = "fake-model";
        });
        using var bob = fixture.ClientFor(chat, "bob", "mcp:read");
        var conversation = await bob.CreateConversationAsync(Ct);

        var reply = await bob.AskAsync(conversation, "Create a ticket please", Ct);

        Assert.DoesNotContain(fixture.Mcp.Tickets, t => t.Title == "Bob was here");
        Assert.Contains("PERMISSION DENIED", reply.GetProperty("content").GetString(), StringComparison.Ordinal);
        var offered = model.Requests.First()["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>());
        Assert.DoesNotContain("create_ticket", offered);
    }
}
