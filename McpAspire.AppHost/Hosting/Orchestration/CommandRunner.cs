using System.ComponentModel;
using System.Diagnostics;

namespace McpAspire.Hosting.Orchestration;

/// <summary>Runs a short command to completion (initdb, chown), failing with its output.</summary>
internal static class CommandRunner
{
    public static async Task RunAsync(string resourceName, string program, IReadOnlyList<string> arguments, string? runAsUser, CancellationToken cancellationToken, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(runAsUser is null ? program : "setpriv")
        {
            WorkingDirectory = workingDirectory ?? "",
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (runAsUser is not null)
        {
            foreach (var argument in new[] { $"--reuid={runAsUser}", $"--regid={runAsUser}", "--init-groups", "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("the process did not start");
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException)
        {
            throw new DistributedApplicationException(resourceName, $"could not run '{program}': {ex.Message}", $"check that '{program}' is installed", ex);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            if (process.ExitCode != 0)
            {
                var text = ((await error) + (await output)).Trim();
                throw new DistributedApplicationException(
                    resourceName,
                    $"'{Path.GetFileName(program)}' failed with exit code {process.ExitCode}: {text}",
                    "read the message above; run with --verbose for the resource's full output");
            }
        }
    }

    public static async Task<bool> UserExistsAsync(string user, CancellationToken cancellationToken)
    {
        if (!File.Exists("/etc/passwd"))
        {
            return false;
        }

        var lines = await File.ReadAllLinesAsync("/etc/passwd", cancellationToken);
        return lines.Any(line => line.StartsWith(user + ":", StringComparison.Ordinal));
    }
}
