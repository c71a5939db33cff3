namespace McpAspire.Hosting;

/// <summary>A resource whose process receives environment variables from the model.</summary>
public interface IResourceWithEnvironment : IResource
{
    /// <summary>Name to value: a <see cref="string"/> or an <see cref="IValueProvider"/> resolved at start.</summary>
    IDictionary<string, object> Environment { get; }
}
