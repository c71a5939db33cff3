using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AuthServer.Tests.Infrastructure;
using McpAspire.Testing.Infrastructure;

namespace AuthServer.Tests.Benchmarks;

/// <summary>
/// client_credentials grants/s and introspections/s with p50/p99, and AuthServer's resident memory after 100,000
/// issued tokens. AuthServer runs as its own process (Production settings, rate limits raised so they do not cap the
/// run); the load generator shares the machine. Run explicitly (README).
/// </summary>
public sealed class AuthServerBenchmark
{
    private const int TokensBeforeMemoryReading = 100_000;
    private static readonly int Concurrency = Setting("AUTH_BENCH_CONCURRENCY", 16);
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(Setting("AUTH_BENCH_SECONDS", 10));
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    [Fact(Explicit = true)]
    public async Task MeasureClientCredentialsAndIntrospectionThroughput()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var postgres = await PostgresServer.StartAsync(ct);
        await postgres.CreateDatabaseAsync("authdb", ct);
        await using var redis = await RedisServer.StartAsync(ct);
        var settings = TestSettings.For(postgres.ConnectionString("authdb"), redis.ConnectionString);
        settings["AuthServer:RateLimits:token:PermitLimit"] = "10000000";
        settings["AuthServer:RateLimits:introspect:PermitLimit"] = "10000000";
        await using var server = await AuthServerProcess.StartAsync(settings, ct);
        settings["AuthServer:Issuer"] = server.BaseAddress.ToString().TrimEnd('/');

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(30) };
        using var http = new HttpClient(handler) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var memoryAtStart = server.ResidentBytes();

        var issued = 0;
        var sample = new string[4096];
        var chatService = Basic("chat-service", TestSettings.ChatServiceSecret);
        async Task<bool> IssueAsync(int worker, CancellationToken token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
            {
                Content = new StringContent("grant_type=client_credentials&scope=mcp%3Aread+mcp%3Atools", Encoding.ASCII, "application/x-www-form-urlencoded"),
            };
            request.Headers.Authorization = chatService;
            using var response = await http.SendAsync(request, token);
            var body = await response.Content.ReadAsByteArrayAsync(token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            var count = Interlocked.Increment(ref issued);
            if (count <= sample.Length)
            {
                sample[count - 1] = JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
            }

            return true;
        }

        var grants = await LoadRun.MeasureAsync("client_credentials grant", Concurrency, WarmUp, Duration, IssueAsync, ct, server.CpuTime);
        while (Volatile.Read(ref issued) < TokensBeforeMemoryReading)
        {
            var remaining = TokensBeforeMemoryReading - issued;
            await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async w =>
            {
                for (var i = 0; i < (remaining / Concurrency) + 1; i++)
                {
                    await IssueAsync(w, ct);
                }
            }));
        }

        var memoryAfterTokens = server.ResidentBytes();

        var mcpResource = Basic("mcp-resource", TestSettings.McpResourceSecret);
        var tokens = sample.Where(t => t is not null).ToArray();
        var next = 0;
        async Task<bool> IntrospectAsync(int worker, CancellationToken token)
        {
            var accessToken = tokens[(int)((uint)Interlocked.Increment(ref next) % (uint)tokens.Length)];
            using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/introspect")
            {
                Content = new StringContent("token=" + accessToken, Encoding.ASCII, "application/x-www-form-urlencoded"),
            };
            request.Headers.Authorization = mcpResource;
            using var response = await http.SendAsync(request, token);
            var body = await response.Content.ReadAsStringAsync(token);
            return response.StatusCode == HttpStatusCode.OK && body.Contains("\"active\":true", StringComparison.Ordinal);
        }

        var introspections = await LoadRun.MeasureAsync("introspection (active JWT)", Concurrency, WarmUp, Duration, IntrospectAsync, ct, server.CpuTime);
        var memoryAtEnd = server.ResidentBytes();

        var report = string.Join(Environment.NewLine,
            $"AuthServer benchmark: {Concurrency} concurrent clients, {Duration.TotalSeconds:F0} s per run, {Environment.ProcessorCount} cores, load generator on the same machine, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end",
            grants.ToString(),
            introspections.ToString(),
            $"AuthServer resident memory: {Mb(memoryAtStart)} at start, {Mb(memoryAfterTokens)} after {issued:N0} issued tokens, {Mb(memoryAtEnd)} after introspection");
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        var file = Path.Combine(AppContext.BaseDirectory, "authserver-benchmark.txt");
        await File.WriteAllTextAsync(file, report + Environment.NewLine, ct);
        Assert.Equal(0, grants.Failures);
        Assert.Equal(0, introspections.Failures);
    }

    private static AuthenticationHeaderValue Basic(string id, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}")));

    private static string Mb(long bytes) => $"{bytes / (1024.0 * 1024.0):F0} MB";

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) ? value : fallback;
}
