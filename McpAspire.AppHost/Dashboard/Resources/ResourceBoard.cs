using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace McpAspire.Dashboard.Resources;

/// <summary>
/// The dashboard's view of the resources, fed by whoever runs them: <see cref="Publish"/> a snapshot on each change and
/// <see cref="WriteLog"/> each console line. Keeps the last <c>maxLogLinesPerResource</c> lines per resource.
/// </summary>
public sealed class ResourceBoard : IDashboardResourceSource
{
    private const int WatcherBacklog = 2000;

    private readonly Lock _lock = new();
    private readonly List<string> _order = [];
    private readonly Dictionary<string, DashboardResource> _resources = new(StringComparer.Ordinal);
    private readonly List<Channel<bool>> _resourceWatchers = [];
    private readonly Dictionary<string, LogBuffer> _logs = new(StringComparer.Ordinal);
    private readonly int _maxLogLines;

    public ResourceBoard(int maxLogLinesPerResource = 5000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLogLinesPerResource, 1);
        _maxLogLines = maxLogLinesPerResource;
    }

    /// <summary>Adds or replaces the resource of that name and tells every watcher.</summary>
    public void Publish(DashboardResource resource)
    {
        lock (_lock)
        {
            if (!_resources.ContainsKey(resource.Name))
            {
                _order.Add(resource.Name);
            }

            _resources[resource.Name] = resource;
            foreach (var watcher in _resourceWatchers)
            {
                watcher.Writer.TryWrite(true);
            }
        }
    }

    /// <summary>Appends one console line of <paramref name="resourceName"/>.</summary>
    public void WriteLog(string resourceName, string text, bool isError, DateTimeOffset? timestamp = null) =>
        Buffer(resourceName).Add(text, isError, timestamp ?? DateTimeOffset.UtcNow);

    public IReadOnlyList<DashboardResource> GetResources()
    {
        lock (_lock)
        {
            return [.. _order.Select(name => _resources[name])];
        }
    }

    public async IAsyncEnumerable<IReadOnlyList<DashboardResource>> WatchResourcesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // One pending signal is enough: each wake-up reads the whole current list.
        var signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
        signal.Writer.TryWrite(true);
        lock (_lock)
        {
            _resourceWatchers.Add(signal);
        }

        try
        {
            while (await signal.Reader.WaitToReadAsync(cancellationToken))
            {
                signal.Reader.TryRead(out _);
                yield return GetResources();
            }
        }
        finally
        {
            lock (_lock)
            {
                _resourceWatchers.Remove(signal);
            }
        }
    }

    public IReadOnlyList<DashboardLogLine> GetLogLines(string resourceName)
    {
        lock (_lock)
        {
            return _logs.TryGetValue(resourceName, out var buffer) ? buffer.Snapshot(0) : [];
        }
    }

    public async IAsyncEnumerable<DashboardLogLine> WatchLogLinesAsync(string resourceName, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = Buffer(resourceName);
        var channel = Channel.CreateBounded<DashboardLogLine>(new BoundedChannelOptions(WatcherBacklog) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        var backlog = buffer.Subscribe(channel, afterSequence);
        try
        {
            var last = afterSequence;
            foreach (var line in backlog)
            {
                last = line.Sequence;
                yield return line;
            }

            await foreach (var line in channel.Reader.ReadAllAsync(cancellationToken))
            {
                if (line.Sequence > last)
                {
                    last = line.Sequence;
                    yield return line;
                }
            }
        }
        finally
        {
            buffer.Unsubscribe(channel);
        }
    }

    private LogBuffer Buffer(string resourceName)
    {
        lock (_lock)
        {
            if (!_logs.TryGetValue(resourceName, out var buffer))
            {
                buffer = new LogBuffer(_maxLogLines);
                _logs[resourceName] = buffer;
            }

            return buffer;
        }
    }

    private sealed class LogBuffer(int capacity)
    {
        private readonly Lock _lock = new();
        private readonly Queue<DashboardLogLine> _lines = new();
        private readonly List<Channel<DashboardLogLine>> _watchers = [];
        private long _sequence;

        public void Add(string text, bool isError, DateTimeOffset timestamp)
        {
            lock (_lock)
            {
                var line = new DashboardLogLine(++_sequence, timestamp, text, isError);
                if (_lines.Count == capacity)
                {
                    _lines.Dequeue();
                }

                _lines.Enqueue(line);
                foreach (var watcher in _watchers)
                {
                    watcher.Writer.TryWrite(line);
                }
            }
        }

        public DashboardLogLine[] Snapshot(long afterSequence)
        {
            lock (_lock)
            {
                return [.. _lines.Where(line => line.Sequence > afterSequence)];
            }
        }

        public DashboardLogLine[] Subscribe(Channel<DashboardLogLine> channel, long afterSequence)
        {
            lock (_lock)
            {
                _watchers.Add(channel);
                return Snapshot(afterSequence);
            }
        }

        public void Unsubscribe(Channel<DashboardLogLine> channel)
        {
            lock (_lock)
            {
                _watchers.Remove(channel);
            }
        }
    }
}
