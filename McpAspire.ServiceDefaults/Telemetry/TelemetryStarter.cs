using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace McpAspire.ServiceDefaults.Telemetry;

/// <summary>
/// Creates the tracer and meter providers (their listeners) before the first request is served: when the request
/// pipeline is built, or at host start for hosts without one. The DI container disposes them with the host.
/// </summary>
internal sealed class TelemetryStarter(IServiceProvider services) : IStartupFilter, IHostedService
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        Start();
        next(app);
    };

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Start()
    {
        services.GetRequiredService<TracerProvider>();
        services.GetRequiredService<MeterProvider>();
    }
}
