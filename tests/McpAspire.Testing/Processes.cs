using System.Globalization;

namespace McpAspire.Testing;

/// <summary>Process checks (Linux /proc) for tests that assert nothing is left running.</summary>
public static class Processes
{
    /// <summary>True while a process with this id exists and is not a zombie.</summary>
    public static bool IsAlive(int processId)
    {
        try
        {
            var state = File.ReadLines($"/proc/{processId}/status").FirstOrDefault(line => line.StartsWith("State:", StringComparison.Ordinal));
            return state is not null && !state.Contains("zombie", StringComparison.Ordinal) && !state.Contains("dead", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The live children of a process (e.g. PostgreSQL's backends, or an AppHost's resources).</summary>
    public static IReadOnlyList<int> ChildrenOf(int processId)
    {
        var children = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces, so read after the last ')'.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == processId && IsAlive(pid))
                {
                    children.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        return children;
    }

    /// <summary>Waits until none of <paramref name="processIds"/> is alive, or the timeout passes; returns those still alive.</summary>
    public static async Task<IReadOnlyList<int>> WaitForExitAsync(IEnumerable<int> processIds, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var ids = processIds.ToList();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var alive = ids.Where(IsAlive).ToList();
            if (alive.Count == 0 || DateTime.UtcNow > deadline)
            {
                return alive;
            }

            await Task.Delay(50, cancellationToken);
        }
    }
}
