namespace McpAspire.Hosting.Orchestration;

/// <summary>Finds programs on the PATH (and in well-known install directories).</summary>
internal static class Executables
{
    public static bool IsRoot => string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    public static string? Find(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>A PostgreSQL program: the PATH, else the newest Debian install under /usr/lib/postgresql/&lt;version&gt;/bin.</summary>
    public static string? FindPostgres(string name)
    {
        if (Find(name) is { } onPath)
        {
            return onPath;
        }

        const string debian = "/usr/lib/postgresql";
        if (!Directory.Exists(debian))
        {
            return null;
        }

        return Directory.GetDirectories(debian)
            .Select(version => (Version: int.TryParse(Path.GetFileName(version), out var v) ? v : 0, Path: Path.Combine(version, "bin", name)))
            .Where(candidate => File.Exists(candidate.Path))
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => candidate.Path)
            .FirstOrDefault();
    }

    /// <summary>The dotnet host that runs this AppHost (so services run on the same runtime).</summary>
    public static string Dotnet()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        if (Environment.ProcessPath is { } processPath
            && string.Equals(Path.GetFileNameWithoutExtension(processPath), "dotnet", StringComparison.Ordinal))
        {
            return processPath;
        }

        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root && File.Exists(Path.Combine(root, "dotnet")))
        {
            return Path.Combine(root, "dotnet");
        }

        return Find("dotnet") ?? "dotnet";
    }
}
