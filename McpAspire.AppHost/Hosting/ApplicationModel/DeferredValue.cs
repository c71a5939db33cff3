namespace McpAspire.Hosting;

/// <summary>A value computed when asked (after the app is built), e.g. a connection string from an allocated port.</summary>
internal sealed class DeferredValue(Func<string> value, string description) : IValueProvider
{
    public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<string?>(value());

    public override string ToString() => $"{{{description}}}";
}
