using System.Globalization;

namespace McpAspire.Hosting.Orchestration;

/// <summary>
/// The AppHost's console: one line per resource (name, state, URL) when it becomes healthy, and again only when that
/// changes (unhealthy, exited, failed); the dashboard's address; with <c>--verbose</c> every output line of every
/// resource, prefixed with its name.
/// </summary>
internal sealed class ConsoleReporter : IDisposable
{
    private readonly ResourceNotificationService _notifications;
    private readonly ResourceLoggerService _logs;
    private readonly bool _verbose;
    private readonly int _width;
    private readonly Dictionary<string, string> _lastReported = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly DateTime _processStart = System.Diagnostics.Process.GetCurrentProcess().StartTime;

    public ConsoleReporter(ResourceNotificationService notifications, ResourceLoggerService logs, IEnumerable<string> names, bool verbose)
    {
        _notifications = notifications;
        _logs = logs;
        _verbose = verbose;
        _width = Math.Max(12, names.Max(name => name.Length) + 2);
        notifications.Changed += OnChanged;
        if (verbose)
        {
            logs.LineWritten += OnLine;
        }
    }

    public void WriteLine(string text)
    {
        lock (_lock)
        {
            Console.Out.WriteLine(text);
        }
    }

    public void WriteResourceLine(string name, string state, string? url)
    {
        lock (_lock)
        {
            Console.Out.WriteLine($"  {name.PadRight(_width)}{state,-14}{url}");
        }
    }

    public void Dispose()
    {
        _notifications.Changed -= OnChanged;
        _logs.LineWritten -= OnLine;
    }

    private void OnChanged(ResourceSnapshot snapshot)
    {
        string? state = snapshot switch
        {
            { State: ResourceState.Running, Health: ResourceHealthStatus.Healthy } => "Healthy",
            { State: ResourceState.Running, Health: ResourceHealthStatus.Unhealthy } => "Unhealthy",
            { State: ResourceState.FailedToStart } => "FailedToStart",
            { State: ResourceState.Exited } => "Exited",
            _ => null,
        };
        lock (_lock)
        {
            if (state is null || (_lastReported.TryGetValue(snapshot.Name, out var last) && last == state))
            {
                return;
            }

            _lastReported[snapshot.Name] = state;
        }

        var since = (DateTime.Now - _processStart).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        var detail = snapshot.State == ResourceState.Running && snapshot.Health == ResourceHealthStatus.Unhealthy && snapshot.Message is { } problem
            ? $"{snapshot.Url}  ({FirstLine(problem)})"
            : snapshot.State == ResourceState.Exited ? $"{snapshot.Url}  ({snapshot.Message})" : $"{snapshot.Url}  (at {since} s)";
        WriteResourceLine(snapshot.Name, state, detail);
    }

    private void OnLine(string name, ResourceLogLine line)
    {
        lock (_lock)
        {
            (line.IsError ? Console.Error : Console.Out).WriteLine($"[{name}] {line.Text}");
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0];
}
