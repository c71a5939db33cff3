namespace McpAspire.Hosting;

public enum ResourceHealthStatus
{
    Unknown,
    Healthy,
    Unhealthy,
}
