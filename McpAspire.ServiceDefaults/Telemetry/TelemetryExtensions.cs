using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace McpAspire.ServiceDefaults.Telemetry;

/// <summary>
/// Builds the OpenTelemetry tracer, meter and logger providers by hand (the hosting integration package is not
/// available here). Providers are DI singletons, created before the server takes requests and disposed (flushed)
/// with the host.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>Configuration key (and environment variable) that turns the OTLP exporter on.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Configuration key (and environment variable) of the service name in telemetry.</summary>
    public const string ServiceNameKey = "OTEL_SERVICE_NAME";

    /// <summary>ActivitySources that are traced: the platform's and every McpAspire.* one.</summary>
    public static IReadOnlyList<string> TracedSources { get; } =
        ["Microsoft.AspNetCore", "System.Net.Http", "Npgsql", "McpAspire.*"];

    /// <summary>Meters that are collected: the platform's and every McpAspire.* one.</summary>
    public static IReadOnlyList<string> CollectedMeters { get; } =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "System.Runtime",
        "Npgsql", "McpAspire.*",
    ];

    /// <summary>Adds traces, metrics and logs; the OTLP exporter only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.</summary>
    public static TBuilder AddDefaultTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        var configuration = builder.Configuration;
        var serviceName = ServiceName(configuration, builder.Environment.ApplicationName);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
            logging.SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(serviceName));
        });
        if (OtlpEnabled(configuration))
        {
            // Decided when the builder runs: the exporter registers services of its own.
            builder.Services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddOtlpExporter());
        }

        builder.Services.TryAddSingleton(services =>
        {
            var appConfiguration = services.GetRequiredService<IConfiguration>();
            var tracing = Sdk.CreateTracerProviderBuilder()
                .ConfigureServices(s => s.AddSingleton(appConfiguration))
                .ConfigureResource(r => r.AddService(serviceName))
                .AddSource([.. TracedSources]);
            if (OtlpEnabled(appConfiguration))
            {
                tracing.AddOtlpExporter();
            }

            return tracing.Build();
        });
        builder.Services.TryAddSingleton(services =>
        {
            var appConfiguration = services.GetRequiredService<IConfiguration>();
            var metrics = Sdk.CreateMeterProviderBuilder()
                .ConfigureServices(s => s.AddSingleton(appConfiguration))
                .ConfigureResource(r => r.AddService(serviceName))
                .AddMeter([.. CollectedMeters]);
            if (OtlpEnabled(appConfiguration))
            {
                metrics.AddOtlpExporter();
            }

            return metrics.Build();
        });

        builder.Services.AddSingleton<TelemetryStarter>();
        builder.Services.AddSingleton<IStartupFilter>(services => services.GetRequiredService<TelemetryStarter>());
        builder.Services.AddHostedService(services => services.GetRequiredService<TelemetryStarter>());
        return builder;
    }

    internal static bool OtlpEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]);

    private static string ServiceName(IConfiguration configuration, string applicationName)
    {
        var configured = configuration[ServiceNameKey];
        return string.IsNullOrWhiteSpace(configured) ? applicationName : configured;
    }
}
