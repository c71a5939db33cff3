using System.Globalization;
using McpResource.Tests.Infrastructure;
using Npgsql;

namespace McpResource.Tests.Benchmarks;

/// <summary>
/// tools/call throughput and latency (run explicitly, see README): (a) authentication off, (b) one token with the
/// validation cache warm, (c) a new token on every call (one introspection each). Throughput is measured with
/// <see cref="Concurrency"/> clients, latency with one client (so it is the cost of a call, not queueing).
/// </summary>
public sealed class ToolCallBenchmark
{
    private static readonly string Tool = Environment.GetEnvironmentVariable("MCP_BENCH_TOOL") ?? "get_active_integrations";
    private static readonly int Concurrency = Setting("MCP_BENCH_CONCURRENCY", 16);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(Setting("MCP_BENCH_SECONDS", 8));

    [Fact(Explicit = true)]
    public async Task MeasureToolCallThroughputAndLatency()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var postgres = await PostgresServer.StartAsync(ct);
        await postgres.CreateDatabaseAsync("mcpdb", ct);
        await using var redis = await RedisServer.StartAsync(ct);
        await using var authorizationServer = await StubAuthorizationServer.StartAsync(ct);

        var port = FreePorts.Next();
        var audience = $"http://127.0.0.1:{port}/mcp";
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:mcpdb"] = postgres.ConnectionString("mcpdb"),
            ["ConnectionStrings:cache"] = redis.ConnectionString,
            ["TokenValidation:Issuer"] = authorizationServer.Issuer,
            ["TokenValidation:Audience"] = audience,
            ["TokenValidation:ClientId"] = StubAuthorizationServer.ResourceClientId,
            ["TokenValidation:ClientSecret"] = StubAuthorizationServer.ResourceClientSecret,
            ["Logging:LogLevel:Default"] = "Warning",
        };

        var results = new List<ScenarioResult>();
        await using (var host = new McpResourceHost(new Dictionary<string, string?>(settings) { ["McpResource:DisableAuthentication"] = "true" }))
        {
            results.Add(await MeasureAsync("(a) authentication off", host.Start(port), () => null, ct));
        }

        await using (var host = new McpResourceHost(settings))
        {
            var endpoint = host.Start(port);
            var token = authorizationServer.Issue("bench-user", "bench-client", "mcp:read", audience, "bench");
            results.Add(await MeasureAsync("(b) one token, cache warm", endpoint, () => token, ct));

            var before = authorizationServer.Introspections;
            var fresh = await MeasureAsync("(c) new token per call", endpoint,
                () => authorizationServer.Issue("bench-user", "bench-client", "mcp:read", audience, "bench"), ct);
            results.Add(fresh with { Introspections = authorizationServer.Introspections - before });
        }

        NpgsqlConnection.ClearAllPools();
        Report(results);
    }

    private static async Task<ScenarioResult> MeasureAsync(string name, Uri endpoint, Func<string?> tokenForCall, CancellationToken ct)
    {
        // Let tiered compilation settle before anything is measured (the first scenario would otherwise pay for it).
        await ToolCallLoad.RunAsync(name, endpoint, tokenForCall, Tool, Concurrency, WarmUp, WarmUp, ct);
        var loaded = await ToolCallLoad.RunAsync(name, endpoint, tokenForCall, Tool, Concurrency, WarmUp, Duration, ct);
        var single = await ToolCallLoad.RunAsync(name, endpoint, tokenForCall, Tool, 1, WarmUp, Duration / 2, ct);
        return new ScenarioResult(name, loaded, single, null);
    }

    private static void Report(IReadOnlyList<ScenarioResult> results)
    {
        var (a, b, c) = (results[0], results[1], results[2]);
        var ratio = b.Loaded.RequestsPerSecond / a.Loaded.RequestsPerSecond;
        var overhead = b.Single.P50Ms - a.Single.P50Ms;
        var lines = new List<string>
        {
            $"tools/call {Tool}: throughput with {Concurrency} clients, latency with 1 client, {Duration.TotalSeconds:F0} s per run, {Environment.ProcessorCount} cores",
        };
        lines.AddRange(results.Select(r => r.ToString()));
        lines.Add(Verdict("(b)/(a) throughput", ratio, ">= 0.90", ratio >= 0.90, "F2"));
        lines.Add(Verdict("cache-hit overhead at p50 (b)-(a)", overhead, "<= 0.5 ms", overhead <= 0.5, "F3"));
        lines.Add(Verdict("(c) p50", c.Single.P50Ms, "<= 5 ms", c.Single.P50Ms <= 5, "F2"));
        var text = string.Join(Environment.NewLine, lines);
        TestContext.Current.SendDiagnosticMessage(text);
        Console.WriteLine(text);

        Assert.All(results, r => Assert.Equal(0, r.Loaded.Failures + r.Single.Failures));
        // Every call of (c) carried a token the server had never seen: each needed its own introspection.
        Assert.True(c.Introspections >= c.Loaded.Requests + c.Single.Requests, $"{c.Introspections} introspections for {c.Loaded.Requests + c.Single.Requests} measured calls");
    }

    private static string Verdict(string name, double value, string target, bool met, string format) =>
        $"{name,-36} {value.ToString(format, CultureInfo.InvariantCulture),8}  target {target,-10} {(met ? "met" : "MISSED")}";

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private sealed record ScenarioResult(string Name, LoadResult Loaded, LoadResult Single, int? Introspections)
    {
        public override string ToString() =>
            $"{Name,-28} {Loaded.RequestsPerSecond,7:F0} req/s   1 client: p50 {Single.P50Ms,6:F2} ms  p99 {Single.P99Ms,6:F2} ms" +
            $"   ({Loaded.Concurrency} clients: p50 {Loaded.P50Ms:F2} ms p99 {Loaded.P99Ms:F2} ms)" +
            (Introspections is { } n ? $"   introspections: {n}" : "");
    }
}
