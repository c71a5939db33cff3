namespace McpAspire.Hosting;

/// <summary>A value known only once the app is built (a port, a password, a connection string).</summary>
public interface IValueProvider
{
    ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default);
}
