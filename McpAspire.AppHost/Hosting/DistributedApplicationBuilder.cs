using McpAspire.Hosting.Networking;
using McpAspire.Hosting.Orchestration;

namespace McpAspire.Hosting;

/// <summary>
/// Builds the app model. Configuration: environment variables, then the command line (<c>--verbose</c> is short for
/// <c>--AppHost:Verbose=true</c>). Building resolves parameters, reads <c>ConnectionStrings:&lt;server&gt;</c> for existing
/// servers, and picks a free loopback port for every server and project, so every address is known before anything starts.
/// </summary>
public sealed class DistributedApplicationBuilder : IDistributedApplicationBuilder
{
    private readonly List<IResource> _resources = [];

    internal DistributedApplicationBuilder(DistributedApplicationOptions options)
    {
        Options = options;
        Configuration = new ConfigurationManager();
        Configuration.AddEnvironmentVariables();
        Configuration.AddCommandLine([.. options.Args.Select(arg => arg is "--verbose" or "-v" ? "--AppHost:Verbose=true" : arg)]);
    }

    public ConfigurationManager Configuration { get; }

    public IReadOnlyList<IResource> Resources => _resources;

    public DistributedApplicationOptions Options { get; }

    public IList<IDistributedApplicationLifecycleHook> LifecycleHooks { get; } = [];

    public IResourceBuilder<T> AddResource<T>(T resource)
        where T : IResource
    {
        if (_resources.Any(existing => string.Equals(existing.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"The app model already has a resource named '{resource.Name}'.");
        }

        _resources.Add(resource);
        return new ResourceBuilder<T>(resource, this);
    }

    public IResourceBuilder<T> CreateResourceBuilder<T>(string name)
        where T : IResource
    {
        var resource = _resources.FirstOrDefault(existing => string.Equals(existing.Name, name, StringComparison.Ordinal))
            ?? throw new ArgumentException($"The app model has no resource named '{name}'.", nameof(name));
        return resource is T typed
            ? new ResourceBuilder<T>(typed, this)
            : throw new ArgumentException($"The resource '{name}' is a {resource.GetType().Name}, not a {typeof(T).Name}.", nameof(name));
    }

    /// <summary>Builds the app; under the testing builder, hands the model to the test instead (the entry point stops here).</summary>
    public DistributedApplication Build()
    {
        if (Options.CapturedByTest)
        {
            throw new EntryPointCapturedException(this);
        }

        return BuildCore();
    }

    internal DistributedApplication BuildCore()
    {
        var settings = AppHostSettings.Read(Configuration);
        var state = AppHostState.Create(Options, settings);
        foreach (var resource in _resources)
        {
            switch (resource)
            {
                case ParameterResource parameter:
                    var configured = Configuration["Parameters:" + parameter.Name];
                    parameter.SetValue(string.IsNullOrEmpty(configured) ? state.GetOrCreateSecret(parameter.Name) : configured);
                    break;
                case ServerResource server:
                    var connectionString = Configuration.GetConnectionString(server.Name);
                    server.ExternalConnectionString = string.IsNullOrWhiteSpace(connectionString) ? null : connectionString;
                    server.Port = server.IsExternal ? null : LoopbackPorts.Next();
                    break;
                case ProjectResource project:
                    project.Port = LoopbackPorts.Next();
                    project.ReplicaPorts = project.Replicas > 1 ? [.. Enumerable.Range(0, project.Replicas).Select(_ => LoopbackPorts.Next())] : [];
                    break;
                default:
                    break;
            }
        }

        return new DistributedApplication(_resources, Options, settings, state, Configuration, [.. LifecycleHooks]);
    }
}
