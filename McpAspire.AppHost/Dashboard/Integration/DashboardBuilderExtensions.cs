using McpAspire.Hosting.Networking;

namespace McpAspire.Dashboard.Integration;

/// <summary>Adds the dashboard to an app model and finds the running one.</summary>
public static class DashboardBuilderExtensions
{
    /// <summary>
    /// Serves the dashboard with the app (unless <c>AppHost:Dashboard:Enabled</c> is false) and makes it the services'
    /// OTLP collector when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is not set. Under the testing builder both addresses are
    /// free loopback ports, so parallel test runs and a developer's AppHost do not collide.
    /// </summary>
    public static IDistributedApplicationBuilder AddDashboard(this IDistributedApplicationBuilder builder)
    {
        if (string.Equals(builder.Configuration[DashboardOptions.Section + ":Enabled"], "false", StringComparison.OrdinalIgnoreCase))
        {
            return builder;
        }

        if (builder.Options.IsTesting)
        {
            builder.Configuration["AppHost:DashboardUrl"] = "http://127.0.0.1:" + LoopbackPorts.Next();
            builder.Configuration[DashboardOptions.Section + ":OtlpUrl"] = "http://127.0.0.1:" + LoopbackPorts.Next();
        }

        var options = DashboardOptions.FromConfiguration(builder.Configuration);
        options.Validate();
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = options.OtlpUrl.TrimEnd('/');

            // Short export intervals, so the dashboard shows a request within a second or two and metrics every few seconds.
            foreach (var project in builder.Resources.OfType<ProjectResource>())
            {
                project.Environment.TryAdd("OTEL_BSP_SCHEDULE_DELAY", "1000");
                project.Environment.TryAdd("OTEL_BLRP_SCHEDULE_DELAY", "1000");
                project.Environment.TryAdd("OTEL_METRIC_EXPORT_INTERVAL", "5000");
            }
        }

        builder.LifecycleHooks.Add(new DashboardLifecycleHook(options));
        return builder;
    }

    /// <summary>The dashboard serving <paramref name="app"/> (its addresses and sign-in URL), or null when none runs.</summary>
    public static RunningDashboard? GetDashboard(this DistributedApplication app) => DashboardLifecycleHook.For(app);
}
