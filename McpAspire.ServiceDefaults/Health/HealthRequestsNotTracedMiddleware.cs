using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;

namespace McpAspire.ServiceDefaults.Health;

/// <summary>
/// Health probes arrive every few seconds; their request span (and anything started under it, such as the
/// database ping) is marked as not recorded so no exporter sends it.
/// </summary>
internal sealed class HealthRequestsNotTracedMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (Extensions.IsHealthPath(context.Request.Path))
        {
            var activity = context.Features.Get<IHttpActivityFeature>()?.Activity ?? Activity.Current;
            if (activity is not null)
            {
                activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
                activity.IsAllDataRequested = false;
            }
        }

        return next(context);
    }
}
