using System.Diagnostics;
using System.Globalization;
using ChatService.Mcp;
using ChatService.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatService.Tests.Benchmarks;

/// <summary>
/// Send-message latency with the built-in planner, end to end through the API (authentication, chatdb writes, the
/// MCP connection, tools/list and the tool call at the real McpResource on a loopback port, with its PostgreSQL), and how many service-token
/// requests 1,000 messages cost. Run: dotnet test tests/ChatService.Tests --filter "FullyQualifiedName~Benchmarks"
/// --logger "console;verbosity=detailed".
/// </summary>
[Collection(ChatCollection.Name)]
public sealed class SendMessageBenchmark(ChatFixture fixture, ITestOutputHelper output)
{
    private const int Messages = 1000;
    private const int WarmUp = 50;

    [Fact]
    public async Task AThousandMessagesCostOneServiceTokenRequestAndReportTheirLatency()
    {
        var ct = TestContext.Current.CancellationToken;
        var mcp = await fixture.RealMcpResourceAsync(ct);
        var chat = fixture.CreateChat(s => s["ChatService:McpResourceUri"] = mcp);
        using var user = fixture.ClientFor(chat, "bench", "mcp:read mcp:write", mcpUri: mcp);
        var conversation = await user.CreateConversationAsync(ct);
        string[] prompts = ["list my tickets", "What integrations are available?", "Create a ticket titled Benchmark ticket"];

        for (var i = 0; i < WarmUp; i++)
        {
            await user.AskAsync(conversation, prompts[i % 2], ct);
        }

        var tokens = chat.Services.GetRequiredService<ServiceTokenManager>();
        var latencies = new double[Messages];
        var toolsUsed = 0;
        for (var i = 0; i < Messages; i++)
        {
            var prompt = i % 50 == 0 ? prompts[2] : prompts[i % 2];
            var started = Stopwatch.GetTimestamp();
            var reply = await user.AskAsync(conversation, prompt, ct);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            toolsUsed += reply.Strings("tools_used").Count;
        }

        Array.Sort(latencies);
        var p50 = latencies[Messages / 2];
        var p99 = latencies[(int)(Messages * 0.99)];
        var requests = tokens.TokenRequests;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"send-message (built-in planner, {Messages} sequential): p50 {p50:F2} ms, p99 {p99:F2} ms, max {latencies[^1]:F2} ms; service-token requests: {requests}"));

        Assert.Equal(1, requests);
        Assert.Equal(Messages, toolsUsed);
    }
}
