using System.Collections.Concurrent;

namespace McpAspire.Hosting;

/// <summary>The output of every resource, the last <see cref="Capacity"/> lines each, for the console and the dashboard.</summary>
public sealed class ResourceLoggerService
{
    public const int Capacity = 5000;

    private readonly ConcurrentDictionary<string, Buffer> _buffers = new(StringComparer.Ordinal);

    /// <summary>Raised for each line, on the thread that read it.</summary>
    public event Action<string, ResourceLogLine>? LineWritten;

    public IReadOnlyList<ResourceLogLine> GetLines(string resourceName) =>
        _buffers.TryGetValue(resourceName, out var buffer) ? buffer.Snapshot() : [];

    /// <summary>The last <paramref name="count"/> lines, for failure messages.</summary>
    public IReadOnlyList<ResourceLogLine> GetLastLines(string resourceName, int count)
    {
        var lines = GetLines(resourceName);
        return lines.Count <= count ? lines : [.. lines.Skip(lines.Count - count)];
    }

    internal void Write(string resourceName, string text, bool isError)
    {
        var line = new ResourceLogLine(DateTimeOffset.UtcNow, text, isError);
        _buffers.GetOrAdd(resourceName, _ => new Buffer()).Add(line);
        LineWritten?.Invoke(resourceName, line);
    }

    private sealed class Buffer
    {
        private readonly Lock _lock = new();
        private readonly Queue<ResourceLogLine> _lines = new();

        public void Add(ResourceLogLine line)
        {
            lock (_lock)
            {
                if (_lines.Count == Capacity)
                {
                    _lines.Dequeue();
                }

                _lines.Enqueue(line);
            }
        }

        public IReadOnlyList<ResourceLogLine> Snapshot()
        {
            lock (_lock)
            {
                return [.. _lines];
            }
        }
    }
}
