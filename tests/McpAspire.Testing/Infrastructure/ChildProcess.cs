using System.ComponentModel;
using System.Diagnostics;

namespace McpAspire.Testing.Infrastructure;

/// <summary>
/// A server process the tests start. It is launched through <c>setpriv --pdeathsig KILL</c> from a thread that lives
/// until dispose (the signal fires when the starting *thread* ends), so it dies with the test process even when
/// that is killed, and not earlier.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private readonly ManualResetEventSlim _keeper;

    private ChildProcess(Process process, ManualResetEventSlim keeper)
    {
        Process = process;
        _keeper = keeper;
    }

    public Process Process { get; }

    /// <summary>Starts <paramref name="program"/>, as <paramref name="user"/> (e.g. "postgres") when the tests run as root.</summary>
    public static ChildProcess Start(string program, IEnumerable<string> arguments, string? user = null)
    {
        var start = new ProcessStartInfo("setpriv")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (user is not null && Environment.UserName == "root")
        {
            start.ArgumentList.Add($"--reuid={user}");
            start.ArgumentList.Add($"--regid={user}");
            start.ArgumentList.Add("--init-groups");
        }

        start.ArgumentList.Add("--pdeathsig");
        start.ArgumentList.Add("KILL");
        start.ArgumentList.Add("--");
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var keeper = new ManualResetEventSlim();
        using var ready = new ManualResetEventSlim();
        Process? started = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                started = Process.Start(start);
            }
            catch (Exception ex) when (ex is InvalidOperationException or Win32Exception)
            {
                failure = ex;
            }

            ready.Set();
            keeper.Wait();
        })
        { IsBackground = true, Name = program + "-keeper" };
        thread.Start();
        ready.Wait();
        var process = started ?? throw new InvalidOperationException($"{program} did not start.", failure);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(process, keeper);
    }

    /// <summary>Sends SIGINT (PostgreSQL: fast shutdown; Redis: exit) and kills the process if it has not exited in time.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (!Process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-INT", Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await Process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                Process.Kill(entireProcessTree: true);
            }
        }
    }

    public void Dispose()
    {
        Process.Dispose();
        _keeper.Set();
        _keeper.Dispose();
    }
}
