namespace McpAspire.Hosting;

/// <summary>How the AppHost runs: for a developer (stable state under <c>.mcpaspire/</c>) or for tests (fresh temp state).</summary>
public sealed class DistributedApplicationOptions
{
    public string[] Args { get; init; } = [];

    /// <summary>Started by the testing builder: fresh state directory removed at dispose, quiet console, fsync off.</summary>
    public bool IsTesting { get; init; }

    /// <summary>Set when a test captures the model: <c>Build()</c> in the entry point hands the builder over instead of building.</summary>
    internal bool CapturedByTest { get; init; }
}
