using McpAspire.ServiceDefaults.Health;
using McpAspire.ServiceDefaults.Http;
using McpAspire.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every McpAspire service shares: telemetry, health checks, HttpClient defaults and ProblemDetails.
/// </summary>
public static class Extensions
{
    /// <summary>Tag of the checks behind <c>/health</c> (the service can do its work: database, Redis).</summary>
    public const string ReadyTag = "ready";

    /// <summary>Tag of the checks behind <c>/alive</c> (the process is up).</summary>
    public const string LiveTag = "live";

    /// <summary>Path of the readiness endpoint.</summary>
    public const string HealthPath = "/health";

    /// <summary>Path of the liveness endpoint.</summary>
    public const string AlivePath = "/alive";

    /// <summary>
    /// OpenTelemetry (traces, metrics, logs; OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set), health checks,
    /// HttpClient defaults (service-name resolution, timeouts, retries, circuit breaker) and ProblemDetails.
    /// </summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.AddDefaultTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddProblemDetails();
        builder.Services.AddDefaultHttpClients(builder.Configuration);
        return builder;
    }

    /// <summary>Liveness check "self" tagged "live"; readiness checks are added by the data clients.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (every check tagged "ready" must pass) and <c>/alive</c> (checks tagged "live"),
    /// in every environment, open to anonymous callers even under a fallback authorization policy. Neither is traced. The answer is JSON when the client accepts it, otherwise the status word.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.UseMiddleware<HealthRequestsNotTracedMiddleware>();
        app.MapHealthChecks(HealthPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(ReadyTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous();
        app.MapHealthChecks(AlivePath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(LiveTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous();
        return app;
    }

    internal static bool IsHealthPath(PathString path) =>
        path.StartsWithSegments(HealthPath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(AlivePath, StringComparison.OrdinalIgnoreCase);
}
