using McpAspire.Testing.OAuth;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using McpAspire.ServiceDefaults.Authentication;
using McpAspire.ServiceDefaults.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace McpAspire.ServiceDefaults.Tests.Benchmarks;

/// <summary>
/// What token validation adds on the hot path (run explicitly:
/// <c>dotnet run --project tests/McpAspire.ServiceDefaults.Tests -- -class McpAspire.ServiceDefaults.Tests.Benchmarks.TokenCacheBenchmark -explicit only</c>).
/// (1) <see cref="ITokenIntrospector.IntrospectAsync"/> answered from the in-process cache; (2) answered from Redis
/// (in-process cache off); (3) over HTTP through Kestrel: an endpoint without authentication versus the same
/// endpoint behind the introspection scheme with a warm cache, closed loop with concurrent clients.
/// </summary>
public sealed class TokenCacheBenchmark
{
    private const string Audience = "http://127.0.0.1:5999/mcp";
    private static readonly int Concurrency = int.TryParse(Environment.GetEnvironmentVariable("TOKEN_BENCH_CONCURRENCY"), out var c) ? c : 16;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("TOKEN_BENCH_SECONDS"), out var s) ? s : 5);

    [Fact(Explicit = true)]
    public async Task MeasureTokenValidationCacheHitCost()
    {
        var ct = TestContext.Current.CancellationToken;
        var lines = new List<string> { $"token validation, {Environment.ProcessorCount} cores, HTTP runs {Duration.TotalSeconds:F0} s with {Concurrency} clients" };
        await using var stub = await StubAuthorizationServer.StartAsync(ct);
        await using var redis = await RedisServer.StartAsync(ct);
        var (token, _) = stub.Issue(Audience, scope: "mcp:read mcp:write mcp:tools");

        await using (var app = await StartAsync(stub, redis.ConnectionString, localCache: true, ct))
        {
            var introspector = app.Services.GetRequiredService<ITokenIntrospector>();
            lines.Add(await MeasureCallsAsync("(1) IntrospectAsync, in-process hit", introspector, token, 200_000, ct));

            using var client = app.CreateClient();
            var open = await LoadAsync("(3a) HTTP GET, no authentication", app.Address, "/open", null, ct);
            var warm = await LoadAsync("(3b) HTTP GET, token, warm cache", app.Address, "/secure", token, ct);
            lines.Add(open.ToString());
            lines.Add(warm.ToString());
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"    cache-hit overhead over HTTP: p50 {warm.P50Ms - open.P50Ms:+0.000;-0.000} ms, throughput ratio {warm.RequestsPerSecond / open.RequestsPerSecond:F2}"));
        }

        await using (var app = await StartAsync(stub, redis.ConnectionString, localCache: false, ct))
        {
            var introspector = app.Services.GetRequiredService<ITokenIntrospector>();
            lines.Add(await MeasureCallsAsync("(2) IntrospectAsync, Redis hit", introspector, token, 20_000, ct));
        }

        lines.Add($"    introspections at the stub in total: {stub.Introspections}");
        var text = string.Join(Environment.NewLine, lines);
        TestContext.Current.SendDiagnosticMessage(text);
        Console.WriteLine(text);
    }

    private static Task<TestApp> StartAsync(StubAuthorizationServer stub, string redis, bool localCache, CancellationToken ct) =>
        TestApp.StartAsync(
            new Dictionary<string, string?>
            {
                ["TokenValidation:Issuer"] = stub.Issuer,
                ["TokenValidation:Audience"] = Audience,
                ["TokenValidation:ClientId"] = StubAuthorizationServer.ClientId,
                ["TokenValidation:ClientSecret"] = StubAuthorizationServer.ClientSecret,
                ["TokenValidation:LocalCacheDuration"] = localCache ? "00:00:30" : "00:00:00",
                ["ConnectionStrings:cache"] = redis,
                ["Logging:LogLevel:Default"] = "Warning",
            },
            builder =>
            {
                builder.AddServiceDefaults();
                builder.AddRedisClient("cache");
                builder.AddIntrospectionAuthentication();
            },
            app =>
            {
                app.MapGet("/open", () => "ok");
                app.MapGet("/secure", () => "ok").RequireAuthorization();
            },
            ct);

    private static async Task<string> MeasureCallsAsync(string name, ITokenIntrospector introspector, string token, int calls, CancellationToken ct)
    {
        for (var i = 0; i < calls / 10; i++)
        {
            Assert.True((await introspector.IntrospectAsync(token, ct)).IsActive);
        }

        var samples = new double[calls];
        var total = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var result = await introspector.IntrospectAsync(token, ct);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            if (!result.IsActive)
            {
                Assert.Fail("token refused during the benchmark");
            }
        }

        total.Stop();
        Array.Sort(samples);
        return string.Create(CultureInfo.InvariantCulture,
            $"{name,-40} p50 {samples[calls / 2],8:F2} µs   p99 {samples[calls * 99 / 100],8:F2} µs   mean {total.Elapsed.TotalMicroseconds / calls,8:F2} µs   ({calls} calls, one thread)");
    }

    private sealed record LoadResult(string Name, int Requests, double RequestsPerSecond, double P50Ms, double P99Ms)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Name,-40} {RequestsPerSecond,9:F0} req/s   p50 {P50Ms,6:F3} ms   p99 {P99Ms,6:F3} ms   ({Requests} requests)");
    }

    private static async Task<LoadResult> LoadAsync(string name, Uri address, string path, string? token, CancellationToken ct)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency };
        using var client = new HttpClient(handler) { BaseAddress = address };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        async Task<List<double>> WorkerAsync(DateTime warmUntil, DateTime until)
        {
            var samples = new List<double>(100_000);
            while (DateTime.UtcNow < until)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative), ct);
                await response.Content.ReadAsByteArrayAsync(ct);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                if (DateTime.UtcNow >= warmUntil)
                {
                    samples.Add(elapsed);
                }
            }

            return samples;
        }

        var warmUntil = DateTime.UtcNow.AddSeconds(1);
        var end = warmUntil + Duration;
        var all = (await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(() => WorkerAsync(warmUntil, end), ct))))
            .SelectMany(x => x).ToArray();
        Array.Sort(all);
        return new LoadResult(name, all.Length, all.Length / Duration.TotalSeconds, all[all.Length / 2], all[all.Length * 99 / 100]);
    }
}
