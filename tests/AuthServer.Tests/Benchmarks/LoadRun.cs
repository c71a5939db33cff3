using System.Diagnostics;

namespace AuthServer.Tests.Benchmarks;

/// <summary>Throughput and latency of one measured run.</summary>
public sealed record LoadRun(string Name, int Requests, int Failures, double PerSecond, double P50Ms, double P99Ms)
{
    public override string ToString() =>
        $"{Name,-28} {PerSecond,8:F0} req/s   p50 {P50Ms,6:F2} ms   p99 {P99Ms,6:F2} ms   ({Requests} requests, {Failures} failed)";

    /// <summary>
    /// A closed loop: <paramref name="concurrency"/> workers send requests back to back over keep-alive connections,
    /// first for <paramref name="warmUp"/> (not counted), then for <paramref name="duration"/>.
    /// </summary>
    public static async Task<LoadRun> MeasureAsync(
        string name, int concurrency, TimeSpan warmUp, TimeSpan duration,
        Func<int, CancellationToken, Task<bool>> send, CancellationToken cancellationToken)
    {
        var measuring = false;
        var stop = false;
        var latencies = new List<double>[concurrency];
        var failures = new int[concurrency];
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = new List<double>(200_000);
            while (!Volatile.Read(ref stop))
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await send(worker, cancellationToken);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (Volatile.Read(ref measuring))
                {
                    mine.Add(elapsed);
                    if (!ok)
                    {
                        failures[worker]++;
                    }
                }
            }
        }, cancellationToken)).ToArray();

        await Task.Delay(warmUp, cancellationToken);
        Volatile.Write(ref measuring, true);
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration, cancellationToken);
        Volatile.Write(ref measuring, false);
        var seconds = clock.Elapsed.TotalSeconds;
        Volatile.Write(ref stop, true);
        await Task.WhenAll(workers);

        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadRun(name, all.Length, failures.Sum(), all.Length / seconds, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
