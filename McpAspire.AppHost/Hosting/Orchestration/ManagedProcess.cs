using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace McpAspire.Hosting.Orchestration;

/// <summary>
/// A child process of the AppHost that cannot outlive it. On Linux it is launched through
/// <c>setpriv --pdeathsig KILL</c> (combined with <c>--reuid/--regid</c> to run as another user), from a dedicated
/// thread that lives exactly as long as the child: the kernel sends the signal when the launching thread ends, so
/// the child dies with the AppHost (even on SIGKILL) and not earlier. <c>setsid</c> gives the child its own session,
/// so a terminal's Ctrl+C goes to the AppHost alone. Output lines go to the resource's log.
/// </summary>
internal sealed class ManagedProcess
{
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ManagedProcess(int id) => Id = id;

    public int Id { get; }

    /// <summary>Completes with the exit code when the process has exited.</summary>
    public Task<int> Exited => _exited.Task;

    public bool HasExited => _exited.Task.IsCompleted;

    public static ManagedProcess Start(ProcessLaunch launch, Action<string, bool> onLine)
    {
        var start = CreateStartInfo(launch);
        using var ready = new ManualResetEventSlim();
        Process? process = null;
        Exception? failure = null;
        ManagedProcess? managed = null;
        var thread = new Thread(() =>
        {
            try
            {
                process = Process.Start(start) ?? throw new InvalidOperationException("the process did not start");
                managed = new ManagedProcess(process.Id);
                process.OutputDataReceived += (_, e) =>
                {
                    if (e.Data is not null)
                    {
                        onLine(e.Data, false);
                    }
                };
                process.ErrorDataReceived += (_, e) =>
                {
                    if (e.Data is not null)
                    {
                        onLine(e.Data, true);
                    }
                };
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
            }
            catch (Exception ex) when (ex is Win32Exception or InvalidOperationException)
            {
                failure = ex;
            }
            finally
            {
                ready.Set();
            }

            if (process is null || managed is null)
            {
                return;
            }

            // This thread must outlive the child (parent-death signal); it ends when the child has exited.
            process.WaitForExit();
            var exitCode = process.ExitCode;
            process.Dispose();
            managed._exited.TrySetResult(exitCode);
        })
        {
            IsBackground = true,
            Name = "resource " + launch.ResourceName,
        };
        thread.Start();
        ready.Wait();
        if (failure is not null || managed is null)
        {
            throw new DistributedApplicationException(
                launch.ResourceName,
                $"could not start '{launch.FileName}': {failure?.Message}",
                $"check that '{launch.FileName}' is installed and executable",
                failure);
        }

        return managed;
    }

    /// <summary>Sends <paramref name="signal"/> (e.g. INT, TERM), waits up to <paramref name="timeout"/>, then kills.</summary>
    public async Task StopAsync(string signal, TimeSpan timeout)
    {
        if (HasExited)
        {
            return;
        }

        Signal(Id, signal);
        if (await Task.WhenAny(Exited, Task.Delay(timeout)) != Exited)
        {
            Signal(Id, "KILL");
            await Task.WhenAny(Exited, Task.Delay(TimeSpan.FromSeconds(2)));
        }
    }

    /// <summary>Kills at once (used when the AppHost is leaving anyway).</summary>
    public void Kill()
    {
        if (!HasExited)
        {
            Signal(Id, "KILL");
        }
    }

    private static void Signal(int pid, string signal)
    {
        try
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)])
            {
                UseShellExecute = false,
                RedirectStandardError = true,
            });
            kill?.WaitForExit();
        }
        catch (Win32Exception)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }
    }

    private static ProcessStartInfo CreateStartInfo(ProcessLaunch launch)
    {
        var setpriv = Executables.Find("setpriv");
        var asOtherUser = launch.RunAsUser is not null && Executables.IsRoot;
        ProcessStartInfo start;
        if (setpriv is not null)
        {
            start = new ProcessStartInfo(setpriv);
            if (asOtherUser)
            {
                start.ArgumentList.Add($"--reuid={launch.RunAsUser}");
                start.ArgumentList.Add($"--regid={launch.RunAsUser}");
                start.ArgumentList.Add("--init-groups");
            }

            start.ArgumentList.Add("--pdeathsig");
            start.ArgumentList.Add("KILL");
            start.ArgumentList.Add("--");
            if (Executables.Find("setsid") is { } setsid)
            {
                // Its own session: Ctrl+C in the terminal reaches only the AppHost, which stops resources in order.
                start.ArgumentList.Add(setsid);
            }

            start.ArgumentList.Add(launch.FileName);
        }
        else if (asOtherUser)
        {
            throw new DistributedApplicationException(
                launch.ResourceName,
                $"it must run as the '{launch.RunAsUser}' OS user and 'setpriv' was not found",
                "install util-linux (Debian/Ubuntu: sudo apt-get install util-linux), or run the AppHost as a regular user");
        }
        else
        {
            start = new ProcessStartInfo(launch.FileName);
        }

        foreach (var argument in launch.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.WorkingDirectory = launch.WorkingDirectory ?? "";
        if (launch.Environment is not null)
        {
            foreach (var (name, value) in launch.Environment)
            {
                start.Environment[name] = value;
            }
        }

        foreach (var name in launch.RemoveEnvironment ?? [])
        {
            start.Environment.Remove(name);
        }

        return start;
    }
}
