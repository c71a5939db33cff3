using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace McpAspire.Hosting;

/// <summary>The current snapshot of every resource, change notifications, and waits on them.</summary>
public sealed class ResourceNotificationService
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ResourceSnapshot> _snapshots = new(StringComparer.Ordinal);
    private readonly List<Waiter> _waiters = [];
    private readonly List<Channel<ResourceSnapshot>> _watchers = [];

    internal ResourceNotificationService(IEnumerable<ResourceSnapshot> initial)
    {
        foreach (var snapshot in initial)
        {
            _snapshots[snapshot.Name] = snapshot;
        }
    }

    /// <summary>Raised after each change, on the thread that made it.</summary>
    public event Action<ResourceSnapshot>? Changed;

    public ResourceSnapshot GetSnapshot(string name)
    {
        lock (_lock)
        {
            return _snapshots.TryGetValue(name, out var snapshot)
                ? snapshot
                : throw new ArgumentException($"There is no resource named '{name}'.", nameof(name));
        }
    }

    public IReadOnlyList<ResourceSnapshot> GetSnapshots()
    {
        lock (_lock)
        {
            return [.. _snapshots.Values];
        }
    }

    /// <summary>Completes when the resource is running and healthy; throws at once if it failed or exited.</summary>
    public async Task WaitForResourceHealthyAsync(string name, CancellationToken cancellationToken = default)
    {
        var snapshot = await WaitForResourceAsync(name, s => s.IsHealthy || s.IsDead, cancellationToken);
        if (!snapshot.IsHealthy)
        {
            throw new DistributedApplicationException(name, snapshot.Message ?? $"it is {snapshot.State}", fix: null) { IsDependencyFailure = true };
        }
    }

    /// <summary>Completes with the first snapshot of <paramref name="name"/> that satisfies <paramref name="predicate"/>.</summary>
    public Task<ResourceSnapshot> WaitForResourceAsync(string name, Func<ResourceSnapshot, bool> predicate, CancellationToken cancellationToken = default)
    {
        Waiter waiter;
        lock (_lock)
        {
            var current = _snapshots.TryGetValue(name, out var snapshot)
                ? snapshot
                : throw new ArgumentException($"There is no resource named '{name}'.", nameof(name));
            if (predicate(current))
            {
                return Task.FromResult(current);
            }

            waiter = new Waiter(name, predicate);
            _waiters.Add(waiter);
        }

        return waiter.Completion.Task.WaitAsync(cancellationToken).ContinueWith(
            task =>
            {
                lock (_lock)
                {
                    _waiters.Remove(waiter);
                }

                return task;
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).Unwrap();
    }

    /// <summary>Every snapshot from now on (starting with the current ones), until cancelled.</summary>
    public async IAsyncEnumerable<ResourceSnapshot> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<ResourceSnapshot>(new UnboundedChannelOptions { SingleReader = true });
        lock (_lock)
        {
            foreach (var snapshot in _snapshots.Values)
            {
                channel.Writer.TryWrite(snapshot);
            }

            _watchers.Add(channel);
        }

        try
        {
            await foreach (var snapshot in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return snapshot;
            }
        }
        finally
        {
            lock (_lock)
            {
                _watchers.Remove(channel);
            }
        }
    }

    internal ResourceSnapshot Publish(string name, Func<ResourceSnapshot, ResourceSnapshot> update)
    {
        ResourceSnapshot next;
        List<Waiter> satisfied = [];
        lock (_lock)
        {
            next = update(_snapshots[name]) with { Timestamp = DateTimeOffset.UtcNow };
            _snapshots[name] = next;
            foreach (var waiter in _waiters)
            {
                if (string.Equals(waiter.Name, name, StringComparison.Ordinal) && waiter.Predicate(next))
                {
                    satisfied.Add(waiter);
                }
            }

            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(next);
            }
        }

        foreach (var waiter in satisfied)
        {
            waiter.Completion.TrySetResult(next);
        }

        Changed?.Invoke(next);
        return next;
    }

    private sealed record Waiter(string Name, Func<ResourceSnapshot, bool> Predicate)
    {
        public TaskCompletionSource<ResourceSnapshot> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
