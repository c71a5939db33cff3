namespace McpAspire.Dashboard.Resources;

/// <summary>What the dashboard reads about the app's resources: snapshots and console output, both live.</summary>
public interface IDashboardResourceSource
{
    /// <summary>Every resource, in the order the app model declares them.</summary>
    IReadOnlyList<DashboardResource> GetResources();

    /// <summary>The current list at once, then the whole list again after each change, until cancelled.</summary>
    IAsyncEnumerable<IReadOnlyList<DashboardResource>> WatchResourcesAsync(CancellationToken cancellationToken);

    /// <summary>The retained console lines of a resource, oldest first (none for an unknown name).</summary>
    IReadOnlyList<DashboardLogLine> GetLogLines(string resourceName);

    /// <summary>Lines after <paramref name="afterSequence"/> that are retained now, then each new line, until cancelled.</summary>
    IAsyncEnumerable<DashboardLogLine> WatchLogLinesAsync(string resourceName, long afterSequence, CancellationToken cancellationToken);
}
