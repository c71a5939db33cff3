namespace McpAspire.Testing;

/// <summary>Process checks for tests that assert nothing is left running.</summary>
public static class Processes
{
    /// <summary>True while a process with this id exists and is not a zombie.</summary>
    public static bool IsAlive(int processId)
    {
        var status = $"/proc/{processId}/status";
        try
        {
            var state = File.ReadLines(status).FirstOrDefault(line => line.StartsWith("State:", StringComparison.Ordinal));
            return state is not null && !state.Contains("zombie", StringComparison.Ordinal) && !state.Contains("dead", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
