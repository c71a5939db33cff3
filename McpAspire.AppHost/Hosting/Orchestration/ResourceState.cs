namespace McpAspire.Hosting;

public enum ResourceState
{
    NotStarted,
    Waiting,
    Starting,
    Running,
    Stopping,
    Stopped,
    Exited,
    FailedToStart,
}
