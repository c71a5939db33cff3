namespace McpAspire.Hosting.Orchestration;

/// <summary>What to start: the program, its arguments and environment, and the OS user to run it as (when root).</summary>
internal sealed record ProcessLaunch(
    string ResourceName,
    string FileName,
    IReadOnlyList<string> Arguments,
    string? WorkingDirectory = null,
    IReadOnlyDictionary<string, string>? Environment = null,
    string? RunAsUser = null,
    IReadOnlyCollection<string>? RemoveEnvironment = null);
