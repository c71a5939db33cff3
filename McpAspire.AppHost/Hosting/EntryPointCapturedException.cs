namespace McpAspire.Hosting;

/// <summary>Thrown by <c>Build()</c> under the testing builder to stop the AppHost's entry point once the model is complete.</summary>
internal sealed class EntryPointCapturedException(DistributedApplicationBuilder builder)
    : Exception("The AppHost's model was captured by the testing builder.")
{
    public DistributedApplicationBuilder Builder { get; } = builder;
}
