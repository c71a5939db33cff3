namespace McpAspire.Hosting;

/// <summary>The app could not start: names the resource, the cause and the fix.</summary>
public sealed class DistributedApplicationException : Exception
{
    public DistributedApplicationException()
    {
    }

    public DistributedApplicationException(string message)
        : base(message)
    {
    }

    public DistributedApplicationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DistributedApplicationException(string resourceName, string cause, string? fix, Exception? innerException = null)
        : base(Describe(resourceName, cause, fix), innerException)
    {
        ResourceName = resourceName;
    }

    public string? ResourceName { get; }

    /// <summary>True when the resource failed only because a resource it waits for failed.</summary>
    public bool IsDependencyFailure { get; init; }

    private static string Describe(string resourceName, string cause, string? fix) =>
        fix is null ? $"Resource '{resourceName}' failed: {cause}" : $"Resource '{resourceName}' failed: {cause}\n  Fix: {fix}";
}
