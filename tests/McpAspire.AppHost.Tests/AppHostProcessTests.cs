using System.Diagnostics;
using McpAspire.Testing;

namespace McpAspire.AppHost.Tests;

/// <summary>The AppHost as a process: signals, SIGKILL, and a failed start, as a developer meets them.</summary>
public class AppHostProcessTests
{
    [Fact]
    public async Task KilledAppHostTakesEveryProcessItStartedWithIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = AppHostProcess.Start();
        await host.WaitForLineAsync("postgres", "Healthy", ct);
        await host.WaitForLineAsync("cache", "Healthy", ct);
        var children = Processes.ChildrenOf(host.Id);
        var started = children.Concat(children.SelectMany(Processes.ChildrenOf)).ToList();
        Assert.True(started.Count >= 3, "postgres (with its workers) and redis run under the AppHost");

        host.Process.Kill();

        Assert.Empty(await Processes.WaitForExitAsync(started, TimeSpan.FromSeconds(5), ct));
    }

    [Fact]
    public async Task SigtermStopsTheAppHostAndEverythingItStartedWithinTenSeconds()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = AppHostProcess.Start();
        await host.WaitForLineAsync("postgres", "Healthy", ct);
        await host.WaitForLineAsync("cache", "Healthy", ct);
        var children = Processes.ChildrenOf(host.Id);
        var started = children.Concat(children.SelectMany(Processes.ChildrenOf)).ToList();

        using (var term = Process.Start("kill", ["-TERM", host.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync(ct);
        }

        var clock = Stopwatch.StartNew();
        await host.Process.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Contains("Stopped in", host.Output, StringComparison.Ordinal);
        Assert.Empty(await Processes.WaitForExitAsync(started, TimeSpan.FromSeconds(1), ct));
    }

    [Fact]
    public async Task VerboseFlagPrintsEveryResourceOutputPrefixedWithItsName()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var quiet = AppHostProcess.Start();
        await using var verbose = AppHostProcess.Start(null, "--verbose");
        await quiet.WaitForLineAsync("postgres", "Healthy", ct);
        await verbose.WaitForLineAsync("postgres", "Healthy", ct);

        Assert.Contains(verbose.Output.Split('\n'), line => line.StartsWith("[postgres] ", StringComparison.Ordinal));
        Assert.Contains(verbose.Output.Split('\n'), line => line.StartsWith("[cache] ", StringComparison.Ordinal));
        Assert.DoesNotContain(quiet.Output.Split('\n'), line => line.StartsWith('['));
    }

    [Fact]
    public async Task MissingServerProgramFailsTheRunWithTheFixAndANonZeroExitCode()
    {
        var ct = TestContext.Current.CancellationToken;
        // A PATH with the PostgreSQL programs and the process tools, but no redis-server.
        var bin = Directory.CreateTempSubdirectory("mcpaspire-path-");
        try
        {
            foreach (var tool in new[] { "setpriv", "setsid", "kill", "chown" })
            {
                File.CreateSymbolicLink(Path.Combine(bin.FullName, tool), Path.Combine("/usr/bin", tool));
            }

            var postgresBin = Path.GetDirectoryName(Executable("initdb"))!;
            await using var host = AppHostProcess.Start(
                new Dictionary<string, string> { ["PATH"] = bin.FullName + ":" + postgresBin },
                "--AppHost:RedisServer=redis-server");

            await host.Process.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromSeconds(60), ct);

            Assert.Equal(1, host.Process.ExitCode);
            Assert.Contains("Resource 'cache' failed: redis-server is not on the PATH", host.Output, StringComparison.Ordinal);
            Assert.Contains("Fix: install Redis (Debian/Ubuntu: sudo apt-get install redis-server)", host.Output, StringComparison.Ordinal);
        }
        finally
        {
            bin.Delete(recursive: true);
        }
    }

    private static string Executable(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists)
        ?? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", name)).First(File.Exists);
}
