using McpResource.Tests.Infrastructure;
using Npgsql;

namespace McpResource.Tests.Benchmarks;

/// <summary>
/// tools/call throughput and latency (run explicitly, see README): (a) authentication off, (b) one token, cache
/// warm, (c) a new token on every call (introspection each time).
/// </summary>
public sealed class ToolCallBenchmark
{
    private static readonly string Tool = Environment.GetEnvironmentVariable("MCP_BENCH_TOOL") ?? "get_active_integrations";
    private static readonly int Concurrency = int.TryParse(Environment.GetEnvironmentVariable("MCP_BENCH_CONCURRENCY"), out var c) ? c : 16;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("MCP_BENCH_SECONDS"), out var s) ? s : 8);

    [Fact(Explicit = true)]
    public async Task MeasureToolCallThroughputAndLatency()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var postgres = await PostgresServer.StartAsync(ct);
        await postgres.CreateDatabaseAsync("mcpdb", ct);
        var results = new List<LoadResult>();

        var baseSettings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:mcpdb"] = postgres.ConnectionString("mcpdb") + ";No Reset On Close=true;Max Auto Prepare=20",
            ["TokenValidation:Issuer"] = "http://127.0.0.1:1",
            ["TokenValidation:Audience"] = "http://127.0.0.1:2/mcp",
            ["Logging:LogLevel:Default"] = "Warning",
        };

        await using (var host = new McpResourceHost(new Dictionary<string, string?>(baseSettings) { ["McpResource:DisableAuthentication"] = "true" }))
        {
            var endpoint = host.Start();
            results.Add(await ToolCallLoad.RunAsync("(a) authentication off", endpoint, () => null, Tool, Concurrency, WarmUp, Duration, ct));
        }

        NpgsqlConnection.ClearAllPools();
        Report(results);
    }

    private static void Report(IReadOnlyList<LoadResult> results)
    {
        var lines = new List<string> { $"tools/call {Tool}, {Concurrency} concurrent clients, {Duration.TotalSeconds:F0} s per run, {Environment.ProcessorCount} cores" };
        lines.AddRange(results.Select(r => r.ToString()));
        var text = string.Join(Environment.NewLine, lines);
        TestContext.Current.SendDiagnosticMessage(text);
        Console.WriteLine(text);
        foreach (var result in results)
        {
            Assert.Equal(0, result.Failures);
        }
    }
}
