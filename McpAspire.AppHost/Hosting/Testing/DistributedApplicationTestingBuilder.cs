using System.Reflection;
using System.Runtime.ExceptionServices;

namespace McpAspire.Hosting.Testing;

/// <summary>
/// Runs an AppHost's entry point (its Program.cs) up to <c>Build()</c> and hands the model to the test, as
/// Aspire.Hosting.Testing does. The app then runs in test mode: fresh temporary state (removed at dispose),
/// freshly generated parameters, fsync off, a quiet console.
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    /// <summary>Captures the model of the AppHost that contains <typeparamref name="TEntryPoint"/> (e.g. <c>Projects.McpAspire_AppHost</c>).</summary>
    public static Task<IDistributedApplicationTestingBuilder> CreateAsync<TEntryPoint>(CancellationToken cancellationToken = default)
        where TEntryPoint : class =>
        CreateAsync<TEntryPoint>([], cancellationToken);

    /// <summary>As above, with the AppHost's command line (e.g. <c>--Parameters:name=value</c>).</summary>
    public static Task<IDistributedApplicationTestingBuilder> CreateAsync<TEntryPoint>(string[] args, CancellationToken cancellationToken = default)
        where TEntryPoint : class
    {
        cancellationToken.ThrowIfCancellationRequested();
        var assembly = typeof(TEntryPoint).Assembly;
        var entryPoint = assembly.EntryPoint
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no entry point: pass a type of the AppHost assembly.");
        DistributedApplicationBuilder? captured = null;
        var previous = EntryPointCapture.IsActive;
        EntryPointCapture.IsActive = true;
        try
        {
            entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? [] : [args]);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is EntryPointCapturedException capture)
        {
            captured = capture.Builder;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
        }
        finally
        {
            EntryPointCapture.IsActive = previous;
        }

        return Task.FromResult<IDistributedApplicationTestingBuilder>(new TestingBuilder(
            captured ?? throw new InvalidOperationException($"The entry point of {assembly.GetName().Name} returned without calling DistributedApplication.CreateBuilder(args)...Build().")));
    }

    /// <summary>An empty model in test mode (no AppHost), e.g. one PostgreSQL server for a service's own tests.</summary>
    public static IDistributedApplicationTestingBuilder Create(params string[] args) =>
        new TestingBuilder(new DistributedApplicationBuilder(new DistributedApplicationOptions { Args = args, IsTesting = true }));

    private sealed class TestingBuilder(DistributedApplicationBuilder inner) : IDistributedApplicationTestingBuilder
    {
        public ConfigurationManager Configuration => inner.Configuration;

        public IReadOnlyList<IResource> Resources => inner.Resources;

        public DistributedApplicationOptions Options => inner.Options;

        public IList<IDistributedApplicationLifecycleHook> LifecycleHooks => inner.LifecycleHooks;

        public IResourceBuilder<T> AddResource<T>(T resource)
            where T : IResource => inner.AddResource(resource);

        public IResourceBuilder<T> CreateResourceBuilder<T>(string name)
            where T : IResource => inner.CreateResourceBuilder<T>(name);

        public DistributedApplication Build() => inner.BuildCore();

        public Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(inner.BuildCore());
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
