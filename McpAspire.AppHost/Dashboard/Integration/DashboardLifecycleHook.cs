using System.Runtime.CompilerServices;
using McpAspire.Dashboard.Resources;

namespace McpAspire.Dashboard.Integration;

/// <summary>
/// Serves the dashboard for the app's lifetime: started before the resources (so their first lines and spans are
/// seen), stopped after them. A dashboard that cannot start (its port is taken) is reported and the app runs on.
/// </summary>
internal sealed class DashboardLifecycleHook(DashboardOptions options) : IDistributedApplicationLifecycleHook
{
    private static readonly ConditionalWeakTable<DistributedApplication, RunningDashboard> Dashboards = [];

    private RunningDashboard? _running;

    public static RunningDashboard? For(DistributedApplication app) => Dashboards.TryGetValue(app, out var running) ? running : null;

    public async Task BeforeStartAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        var board = new ResourceBoard(options.MaxConsoleLinesPerResource);
        var bridge = new HostingResourceBridge(app.ResourceNotifications, app.ResourceLogs, board);
        try
        {
            _running = await DashboardHost.StartAsync(board, options, cancellationToken);
            _running.StopsWith(bridge);
        }
        catch (IOException ex)
        {
            bridge.Dispose();
            app.DashboardState = "Unavailable";
            await Console.Error.WriteLineAsync($"The dashboard could not start on {options.Url} / {options.OtlpUrl}: {ex.Message} (set AppHost:DashboardUrl and {DashboardOptions.Section}:OtlpUrl to free ports).");
            return;
        }

        Dashboards.AddOrUpdate(app, _running);
        app.DashboardState = "Running";
        if (!app.Options.IsTesting)
        {
            // The one place the token is shown: the developer opens this address to sign in.
            await Console.Out.WriteLineAsync($"  Dashboard sign-in: {_running.LoginUrl}");
        }
    }

    public async Task AfterStopAsync(DistributedApplication app)
    {
        if (_running is not null)
        {
            Dashboards.Remove(app);
            await _running.DisposeAsync();
        }
    }
}
