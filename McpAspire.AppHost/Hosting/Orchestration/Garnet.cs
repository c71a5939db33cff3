namespace McpAspire.Hosting.Orchestration;

/// <summary>
/// Microsoft's Redis-compatible Garnet server, from the local tool manifest of the AppHost project
/// (McpAspire.AppHost/.config/dotnet-tools.json). Restored with <c>dotnet tool restore</c> when missing; started as
/// <c>dotnet &lt;GarnetServer.dll&gt;</c> so it is our direct child (and dies with the AppHost).
/// </summary>
internal static class Garnet
{
    private const string PackageId = "garnet-server";

    public static async Task<string?> LocateAsync(Action<string, bool> log, CancellationToken cancellationToken)
    {
        var manifestDirectory = Path.GetDirectoryName(new Projects.McpAspire_AppHost().ProjectPath);
        var manifest = manifestDirectory is null ? null : Path.Combine(manifestDirectory, ".config", "dotnet-tools.json");
        if (manifest is null || !File.Exists(manifest))
        {
            return null;
        }

        var version = ManifestVersion(manifest);
        if (version is null)
        {
            return null;
        }

        if (Find(version) is { } found)
        {
            return found;
        }

        log($"Garnet {version} is not restored yet: running dotnet tool restore", false);
        try
        {
            await CommandRunner.RunAsync("cache", Executables.Dotnet(), ["tool", "restore"], null, cancellationToken, manifestDirectory);
        }
        catch (DistributedApplicationException ex)
        {
            log(ex.Message, true);
            return null;
        }

        return Find(version);
    }

    private static string? ManifestVersion(string manifest)
    {
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(manifest));
        return document.RootElement.TryGetProperty("tools", out var tools)
            && tools.TryGetProperty(PackageId, out var tool)
            && tool.TryGetProperty("version", out var version)
                ? version.GetString()
                : null;
    }

    private static string? Find(string version)
    {
        // Local tools restore into the user's NuGet folder (also when NUGET_PACKAGES points elsewhere).
        string?[] roots =
        [
            Environment.GetEnvironmentVariable("NUGET_PACKAGES"),
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
        ];
        foreach (var root in roots.Where(root => !string.IsNullOrEmpty(root)))
        {
            var tools = Path.Combine(root!, PackageId, version, "tools");
            if (!Directory.Exists(tools))
            {
                continue;
            }

            // The tool's entry point sits next to its DotnetToolSettings.xml (tools/<tfm>/any/GarnetServer.dll).
            var entry = Directory.EnumerateFiles(tools, "DotnetToolSettings.xml", SearchOption.AllDirectories)
                .Select(settings => Path.Combine(Path.GetDirectoryName(settings)!, "GarnetServer.dll"))
                .Where(File.Exists)
                .OrderByDescending(path => path, StringComparer.Ordinal)
                .FirstOrDefault();
            if (entry is not null)
            {
                return entry;
            }
        }

        return null;
    }
}
