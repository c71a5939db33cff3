using McpAspire.Testing.OAuth;
using System.Globalization;
using McpResource.Tests.Infrastructure;
using Npgsql;

namespace McpResource.Tests.Benchmarks;

/// <summary>
/// tools/call throughput and latency (run explicitly, see McpResource/README.md): (a) authentication off, (b) one
/// token with the validation cache warm, (c) a new token on every call (one introspection each, at a stub RFC 7662
/// server in this process; Redis and PostgreSQL are real). Throughput is measured with <see cref="Concurrency"/>
/// clients, latency with one client (the cost of a call, not queueing). Both servers run side by side and the
/// scenarios alternate for <see cref="Rounds"/> rounds, so a burst of load from elsewhere on the machine does not
/// land on one scenario only; each scenario reports its median round.
/// </summary>
public sealed class ToolCallBenchmark
{
    /// <summary>Where the last run's figures are written, next to the test assembly.</summary>
    public const string ReportFile = "mcp-resource-benchmark.txt";

    private static readonly string Tool = Environment.GetEnvironmentVariable("MCP_BENCH_TOOL") ?? "get_active_integrations";
    private static readonly int Concurrency = Setting("MCP_BENCH_CONCURRENCY", 16);
    private static readonly int Rounds = Setting("MCP_BENCH_ROUNDS", 3);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(Setting("MCP_BENCH_SECONDS", 6));

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
            ["TokenValidation:ClientId"] = StubAuthorizationServer.ClientId,
            ["TokenValidation:ClientSecret"] = StubAuthorizationServer.ClientSecret,
            ["Logging:LogLevel:Default"] = "Warning",
        };

        await using var open = new McpResourceHost(new Dictionary<string, string?>(settings) { ["McpResource:DisableAuthentication"] = "true" });
        await using var secured = new McpResourceHost(settings);
        var openEndpoint = open.Start();
        var securedEndpoint = secured.Start(port);
        var token = authorizationServer.Issue(audience, "bench-user", "mcp:read", "bench-client", "bench").Token;
        string NewToken() => authorizationServer.Issue(audience, "bench-user", "mcp:read", "bench-client", "bench").Token;
        var scenarios = new (string Name, Uri Endpoint, Func<string?> Token)[]
        {
            ("(a) authentication off", openEndpoint, () => null),
            ("(b) one token, cache warm", securedEndpoint, () => token),
            ("(c) new token per call", securedEndpoint, NewToken),
        };

        // Let tiered compilation, pools and the thread pool settle before anything is measured.
        foreach (var (name, endpoint, tokenForCall) in scenarios)
        {
            await ToolCallLoad.RunAsync(name, endpoint, tokenForCall, Tool, Concurrency, TimeSpan.Zero, WarmUp * 2, ct);
        }

        var rounds = scenarios.Select(_ => new List<ScenarioResult>()).ToArray();
        for (var round = 0; round < Rounds; round++)
        {
            for (var i = 0; i < scenarios.Length; i++)
            {
                var (name, endpoint, tokenForCall) = scenarios[i];
                var before = authorizationServer.Introspections;
                var loaded = await ToolCallLoad.RunAsync(name, endpoint, tokenForCall, Tool, Concurrency, WarmUp, Duration, ct);
                var single = await ToolCallLoad.RunAsync(name, endpoint, tokenForCall, Tool, 1, WarmUp / 2, Duration / 2, ct);
                rounds[i].Add(new ScenarioResult(name, loaded, single, authorizationServer.Introspections - before));
            }
        }

        NpgsqlConnection.ClearAllPools();
        Report(rounds);
    }

    private static void Report(IReadOnlyList<List<ScenarioResult>> rounds)
    {
        var medians = rounds.Select(r => r.OrderBy(x => x.Loaded.RequestsPerSecond).ElementAt(r.Count / 2)).ToArray();
        var (a, b, c) = (medians[0], medians[1], medians[2]);
        var ratio = b.Loaded.RequestsPerSecond / a.Loaded.RequestsPerSecond;
        var singleP50 = rounds.Select(r => Median(r.Select(x => x.Single.P50Ms))).ToArray();
        var overhead = singleP50[1] - singleP50[0];
        var lines = new List<string>
        {
            $"tools/call {Tool}: throughput with {Concurrency} clients ({Duration.TotalSeconds:F0} s), latency with 1 client ({(Duration / 2).TotalSeconds:F0} s), " +
            $"{Rounds} alternating rounds, median round shown, {Environment.ProcessorCount} cores, load average {LoadAverage()}",
        };
        lines.AddRange(medians.Select(r => r.ToString()));
        lines.Add("rounds (req/s, 1-client p50 ms):");
        lines.AddRange(rounds.Select(r => $"  {r[0].Name,-28} " + string.Join("   ", r.Select(x => $"{x.Loaded.RequestsPerSecond:F0} / {x.Single.P50Ms:F2}"))));
        lines.Add(Verdict("(b)/(a) throughput", ratio, ">= 0.90", ratio >= 0.90, "F2"));
        lines.Add(Verdict("cache-hit overhead at p50 (b)-(a)", overhead, "<= 0.5 ms", overhead <= 0.5, "F3"));
        lines.Add(Verdict("(c) p50", singleP50[2], "<= 5 ms", singleP50[2] <= 5, "F2"));
        var text = string.Join(Environment.NewLine, lines);
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, ReportFile), $"{DateTime.UtcNow:u}{Environment.NewLine}{text}{Environment.NewLine}");

        Assert.All(rounds.SelectMany(r => r), r => Assert.Equal(0, r.Loaded.Failures + r.Single.Failures));
        // Every call of (c) carried a token the server had never seen: each needed its own introspection.
        Assert.All(rounds[2], r => Assert.True(r.Introspections >= r.Loaded.Requests + r.Single.Requests,
            $"{r.Introspections} introspections for {r.Loaded.Requests + r.Single.Requests} measured calls"));
        // With the cache warm, no call of (b) went to the authorization server.
        Assert.All(rounds[1], r => Assert.Equal(0, r.Introspections));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Verdict(string name, double value, string target, bool met, string format) =>
        $"{name,-36} {value.ToString(format, CultureInfo.InvariantCulture),8}  target {target,-10} {(met ? "met" : "MISSED")}";

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private sealed record ScenarioResult(string Name, LoadResult Loaded, LoadResult Single, int Introspections)
    {
        public override string ToString() =>
            $"{Name,-28} {Loaded.RequestsPerSecond,7:F0} req/s   1 client: p50 {Single.P50Ms,6:F2} ms  p99 {Single.P99Ms,6:F2} ms" +
            $"   ({Loaded.Concurrency} clients: p50 {Loaded.P50Ms:F2} ms p99 {Loaded.P99Ms:F2} ms)   introspections: {Introspections}";
    }
}
