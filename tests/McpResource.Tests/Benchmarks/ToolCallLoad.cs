using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace McpResource.Tests.Benchmarks;

/// <summary>Throughput and latency of one measured run.</summary>
public sealed record LoadResult(string Name, int Concurrency, int Requests, int Failures, double RequestsPerSecond, double P50Ms, double P99Ms)
{
    public override string ToString() =>
        $"{Name,-34} {RequestsPerSecond,10:F0} req/s   p50 {P50Ms,7:F2} ms   p99 {P99Ms,7:F2} ms   ({Requests} calls, {Failures} failed)";
}

/// <summary>
/// A closed-loop load generator: N workers each send tools/call over their own keep-alive connection as fast as
/// answers come back, for a warm-up period and then a measured period.
/// </summary>
public static class ToolCallLoad
{
    public static async Task<LoadResult> RunAsync(
        string name, Uri endpoint, Func<string?> tokenForCall, string toolName,
        int concurrency, TimeSpan warmUp, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var body = Encoding.UTF8.GetBytes(
            $"{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{{\"name\":\"{toolName}\",\"arguments\":{{}}}}}}");

        var measuring = false;
        var stop = false;
        var latencies = new List<double>[concurrency];
        var failures = new int[concurrency];
        var workers = Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = latencies[worker] = new List<double>(100_000);
            while (!Volatile.Read(ref stop))
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Accept.ParseAdd("application/json");
                request.Headers.Add("MCP-Protocol-Version", "2025-11-25");
                if (tokenForCall() is { } token)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                var started = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request, cancellationToken);
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (Volatile.Read(ref measuring))
                {
                    mine.Add(elapsed);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        failures[worker]++;
                    }
                }
            }
        }).ToArray();

        await Task.Delay(warmUp, cancellationToken);
        Volatile.Write(ref measuring, true);
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration, cancellationToken);
        Volatile.Write(ref measuring, false);
        var seconds = clock.Elapsed.TotalSeconds;
        Volatile.Write(ref stop, true);
        await Task.WhenAll(workers);

        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(name, concurrency, all.Length, failures.Sum(), all.Length / seconds, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
