using System.Collections.Concurrent;
using McpAspire.Dashboard.Resources;

namespace McpAspire.Dashboard.Integration;

/// <summary>
/// Feeds a <see cref="ResourceBoard"/> from the orchestrator: every snapshot change (with the start time of the current
/// run and the number of restarts, which the snapshots do not carry) and every console line.
/// </summary>
internal sealed class HostingResourceBridge : IDisposable
{
    private readonly ResourceNotificationService _notifications;
    private readonly ResourceLoggerService _logs;
    private readonly ResourceBoard _board;
    private readonly ConcurrentDictionary<string, RunHistory> _runs = new(StringComparer.Ordinal);

    public HostingResourceBridge(ResourceNotificationService notifications, ResourceLoggerService logs, ResourceBoard board)
    {
        _notifications = notifications;
        _logs = logs;
        _board = board;
        _notifications.Changed += OnChanged;
        _logs.LineWritten += OnLine;
        foreach (var snapshot in _notifications.GetSnapshots())
        {
            foreach (var line in _logs.GetLines(snapshot.Name))
            {
                _board.WriteLog(snapshot.Name, line.Text, line.IsError, line.Timestamp);
            }

            OnChanged(snapshot);
        }
    }

    public void Dispose()
    {
        _notifications.Changed -= OnChanged;
        _logs.LineWritten -= OnLine;
    }

    private void OnLine(string resourceName, ResourceLogLine line) => _board.WriteLog(resourceName, line.Text, line.IsError, line.Timestamp);

    private void OnChanged(ResourceSnapshot snapshot)
    {
        var history = _runs.GetOrAdd(snapshot.Name, _ => new RunHistory());
        DashboardResource resource;
        lock (history)
        {
            if (snapshot.State == ResourceState.Starting && history.LastState != ResourceState.Starting)
            {
                history.Starts++;
                history.StartTime = snapshot.Timestamp;
            }

            history.LastState = snapshot.State;
            resource = new DashboardResource(
                snapshot.Name,
                snapshot.ResourceType,
                snapshot.State.ToString(),
                snapshot.Health.ToString(),
                snapshot.Url is null ? [] : [snapshot.Url],
                snapshot.State is ResourceState.Starting or ResourceState.Running ? history.StartTime : null,
                Math.Max(0, history.Starts - 1),
                snapshot.ExitCode,
                snapshot.Message);
        }

        _board.Publish(resource);
    }

    private sealed class RunHistory
    {
        public int Starts { get; set; }

        public DateTimeOffset? StartTime { get; set; }

        public ResourceState? LastState { get; set; }
    }
}
