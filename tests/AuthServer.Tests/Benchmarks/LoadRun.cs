using System.Diagnostics;

namespace AuthServer.Tests.Benchmarks;

/// <summary>Throughput and latency of one measured run.</summary>
public sealed record LoadRun(string Name, int Requests, int Failures, double PerSecond, double P50Ms, double P99Ms)
{
    /// <summary>CPU time the server spent per request during the measured period (user + system), when known.</summary>
    public double? ServerCpuMicroseconds { get; init; }

    /// <summary>What the server's CPU cost per request allows on this machine's cores, load generator aside.</summary>
    public double? CapacityPerSecond => ServerCpuMicroseconds is { } cpu && cpu > 0 ? Environment.ProcessorCount * 1_000_000 / cpu : null;

    public override string ToString() =>
        $"{Name,-28} {PerSecond,8:F0} req/s   p50 {P50Ms,6:F2} ms   p99 {P99Ms,6:F2} ms   ({Requests} requests, {Failures} failed)"
        + (ServerCpuMicroseconds is { } cpu ? $"   server CPU {cpu:F0} us/request = {CapacityPerSecond:F0}/s on {Environment.ProcessorCount} cores" : "");

    /// <summary>
    /// A closed loop: <paramref name="concurrency"/> workers send requests back to back over keep-alive connections,
    /// first for <paramref name="warmUp"/> (not counted), then for <paramref name="duration"/>.
    /// </summary>
    public static async Task<LoadRun> MeasureAsync(
        string name, int concurrency, TimeSpan warmUp, TimeSpan duration,
        Func<int, CancellationToken, Task<bool>> send, CancellationToken cancellationToken, Func<TimeSpan>? serverCpu = null)
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
        var cpuBefore = serverCpu?.Invoke();
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration, cancellationToken);
        Volatile.Write(ref measuring, false);
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuAfter = serverCpu?.Invoke();
        Volatile.Write(ref stop, true);
        await Task.WhenAll(workers);

        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadRun(name, all.Length, failures.Sum(), all.Length / seconds, Percentile(all, 0.50), Percentile(all, 0.99))
        {
            ServerCpuMicroseconds = cpuBefore is { } before && cpuAfter is { } after && all.Length > 0
                ? (after - before).TotalMicroseconds / all.Length
                : null,
        };
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
