namespace McpAspire.Hosting.Orchestration;

/// <summary>What every runner needs: settings, the state directory, the log sink.</summary>
internal sealed record OrchestratorContext(
    DistributedApplicationOptions Options,
    AppHostSettings Settings,
    AppHostState State,
    ResourceLoggerService Logs)
{
    public Action<string, bool> LogSink(string resourceName) => (line, isError) => Logs.Write(resourceName, line, isError);
}
