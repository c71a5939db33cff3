using System.Globalization;
using McpAspire.Testing.Infrastructure;

namespace AuthServer.Tests.Benchmarks;

/// <summary>
/// AuthServer as its own process (the build output next to this repository's AuthServer project), so its memory
/// can be read apart from the load generator's.
/// </summary>
public sealed class AuthServerProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private AuthServerProcess(ChildProcess process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<AuthServerProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var port = FreePorts.Next();
        var baseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var assembly = AssemblyPath();
        var arguments = new List<string>
        {
            assembly, "--urls", baseAddress.ToString().TrimEnd('/'), "--environment", "Production", "--contentRoot", Path.GetDirectoryName(assembly)!,
        };
        arguments.AddRange(settings.Select(s => $"--{s.Key}={s.Value}"));
        var process = new AuthServerProcess(ChildProcess.Start("dotnet", arguments), baseAddress);
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (process._process.Process.HasExited)
            {
                throw new InvalidOperationException($"AuthServer exited with code {process._process.Process.ExitCode}.");
            }

            try
            {
                using var response = await http.GetAsync("/health", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return process;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                await process.DisposeAsync();
                throw new TimeoutException("AuthServer did not become healthy within 60 s.");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>Resident memory of the AuthServer process, from /proc.</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>User plus system CPU time of the AuthServer process so far, from /proc (clock ticks of 10 ms).</summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{_process.Process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }

    private static string AssemblyPath()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "McpAspire.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException("The repository root (McpAspire.sln) was not found above the test output.");
        }

#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var path = Path.Combine(directory.FullName, "AuthServer", "bin", configuration, "net10.0", "AuthServer.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing; build AuthServer first.");
    }
}
