namespace McpAspire.Hosting;

/// <summary>
/// A value the app needs, e.g. a client secret: configuration <c>Parameters:&lt;name&gt;</c>, else generated
/// (once for development, kept in the AppHost's state directory; fresh for each test run).
/// </summary>
public sealed class ParameterResource(string name, bool secret) : IResource, IValueProvider
{
    private string? _value;

    public string Name { get; } = name;

    public bool Secret { get; } = secret;

    /// <summary>The value; throws until the app is built.</summary>
    public string Value => _value ?? throw new InvalidOperationException($"The parameter '{Name}' has no value before the app is built.");

    public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<string?>(Value);

    public override string ToString() => Secret ? $"{{{Name}: secret}}" : _value ?? $"{{{Name}}}";

    internal void SetValue(string value) => _value = value;
}
