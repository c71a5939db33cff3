using System.Diagnostics;
using System.Globalization;

namespace McpAspire.AppHost.Tests;

/// <summary>The built AppHost run as a developer runs it (<c>dotnet McpAspire.AppHost.dll</c>), with its own state directory.</summary>
internal sealed class AppHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Lock _lock = new();
    private readonly string _stateDirectory;

    private AppHostProcess(Process process, string stateDirectory)
    {
        _process = process;
        _stateDirectory = stateDirectory;
    }

    public int Id => _process.Id;

    public Process Process => _process;

    public string Output
    {
        get
        {
            lock (_lock)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    public static AppHostProcess Start(IReadOnlyDictionary<string, string>? environment = null, params string[] arguments)
    {
        var stateDirectory = Path.Combine(Path.GetTempPath(), "mcpaspire-apphost-run-" + Guid.NewGuid().ToString("N")[..12]);
        var start = new ProcessStartInfo(Environment.ProcessPath!.EndsWith("dotnet", StringComparison.Ordinal) ? Environment.ProcessPath : "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(new Projects.McpAspire_AppHost().AssemblyPath);
        start.ArgumentList.Add("--AppHost:StateDirectory=" + stateDirectory);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var host = new AppHostProcess(Process.Start(start)!, stateDirectory);
        host._process.OutputDataReceived += (_, e) => host.Add(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Add(e.Data);
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits until the console shows <paramref name="resource"/> in <paramref name="state"/> (e.g. "Healthy").</summary>
    public async Task WaitForLineAsync(string resource, string state, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (!HasLine(resource, state))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The AppHost exited ({_process.ExitCode.ToString(CultureInfo.InvariantCulture)}) before '{resource}' was {state}:\n{Output}");
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        for (var attempt = 0; attempt < 20 && Directory.Exists(_stateDirectory); attempt++)
        {
            try
            {
                Directory.Delete(_stateDirectory, recursive: true);
            }
            catch (IOException)
            {
                await Task.Delay(100);
            }
        }
    }

    private bool HasLine(string resource, string state)
    {
        lock (_lock)
        {
            return _lines.Any(line =>
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return parts.Length >= 2 && parts[0] == resource && parts[1] == state;
            });
        }
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            lock (_lock)
            {
                _lines.Add(line);
            }
        }
    }
}
