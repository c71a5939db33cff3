using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace McpAspire.Hosting.Orchestration;

/// <summary>
/// Where the AppHost keeps data between runs: for development a git-ignored <c>.mcpaspire/</c> directory at the
/// repository root (generated secrets, PostgreSQL data, so users and clients survive restarts); for tests a fresh
/// temporary directory, removed at dispose.
/// </summary>
internal sealed class AppHostState
{
    private const string ParametersFile = "parameters.json";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly Lock _lock = new();

    private AppHostState(string directory, bool isTemporary)
    {
        Directory = directory;
        IsTemporary = isTemporary;
    }

    public string Directory { get; }

    public bool IsTemporary { get; }

    public static AppHostState Create(DistributedApplicationOptions options, AppHostSettings settings)
    {
        if (options.IsTesting)
        {
            var temporary = Path.Combine(Path.GetTempPath(), "mcpaspire-apphost-" + Guid.NewGuid().ToString("N")[..12]);
            System.IO.Directory.CreateDirectory(temporary);
            return new AppHostState(temporary, isTemporary: true);
        }

        var directory = settings.StateDirectory ?? Path.Combine(RepositoryRoot(), ".mcpaspire");
        System.IO.Directory.CreateDirectory(directory);
        return new AppHostState(Path.GetFullPath(directory), isTemporary: false);
    }

    /// <summary>A generated secret: persisted for development, fresh for tests. URL- and connection-string-safe.</summary>
    public string GetOrCreateSecret(string name)
    {
        if (IsTemporary)
        {
            return NewSecret();
        }

        lock (_lock)
        {
            var path = Path.Combine(Directory, ParametersFile);
            var values = File.Exists(path)
                ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? []
                : [];
            if (values.TryGetValue(name, out var existing) && existing.Length > 0)
            {
                return existing;
            }

            var created = NewSecret();
            values[name] = created;
            File.WriteAllText(path, JsonSerializer.Serialize(values, Indented));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            return created;
        }
    }

    /// <summary>
    /// The directory for a PostgreSQL server's data. As root the server runs as the <c>postgres</c> OS user, which must be
    /// able to reach it: when the state directory is not reachable (e.g. a repository under /root), a stable directory
    /// under /var/tmp named after the repository is used instead.
    /// </summary>
    public string PostgresDirectory(string resourceName)
    {
        var preferred = Path.Combine(Directory, resourceName);
        if (!Executables.IsRoot || IsTemporary || ReachableByOthers(Directory))
        {
            return preferred;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Directory)))[..12];
        return Path.Combine("/var/tmp", "mcpaspire-" + hash, resourceName);
    }

    public void Delete()
    {
        if (!IsTemporary)
        {
            return;
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                if (System.IO.Directory.Exists(Directory))
                {
                    System.IO.Directory.Delete(Directory, recursive: true);
                }

                return;
            }
            catch (IOException) when (attempt < 2)
            {
                Thread.Sleep(100);
            }
            catch (UnauthorizedAccessException) when (attempt < 2)
            {
                Thread.Sleep(100);
            }
        }
    }

    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    /// <summary>The repository root: the directory above the AppHost project (where McpAspire.sln lives).</summary>
    private static string RepositoryRoot()
    {
        var projectDirectory = Path.GetDirectoryName(new Projects.McpAspire_AppHost().ProjectPath);
        var candidate = projectDirectory is null ? null : Path.GetDirectoryName(projectDirectory);
        return candidate is not null && System.IO.Directory.Exists(candidate) ? candidate : System.IO.Directory.GetCurrentDirectory();
    }

    private static bool ReachableByOthers(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            if (OperatingSystem.IsWindows() || (current.UnixFileMode & UnixFileMode.OtherExecute) == 0)
            {
                return false;
            }
        }

        return true;
    }
}
