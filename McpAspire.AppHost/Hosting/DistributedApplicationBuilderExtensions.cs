namespace McpAspire.Hosting;

public static class DistributedApplicationBuilderExtensions
{
    public static IDistributedApplicationBuilder AddLifecycleHook(this IDistributedApplicationBuilder builder, IDistributedApplicationLifecycleHook hook)
    {
        builder.LifecycleHooks.Add(hook);
        return builder;
    }
}
