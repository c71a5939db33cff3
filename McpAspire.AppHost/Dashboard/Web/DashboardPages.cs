using System.Globalization;
using System.Text.Json.Nodes;
using McpAspire.Dashboard.Resources;
using McpAspire.Dashboard.Telemetry;

namespace McpAspire.Dashboard.Web;

/// <summary>The dashboard's pages and its two live streams (server-sent events).</summary>
internal static class DashboardPages
{
    public static void MapDashboardPages(this WebApplication app, IDashboardResourceSource source, TelemetryStore store)
    {
        app.MapGet(Assets.StylePath, () => Results.Text(Assets.Style, "text/css; charset=utf-8"));
        app.MapGet(Assets.ScriptPath, () => Results.Text(Assets.Script, "text/javascript; charset=utf-8"));

        app.MapGet("/", () => Html(ResourcesPage.Render(source.GetResources())));
        app.MapGet("/logs", (string? resource) =>
            string.IsNullOrEmpty(resource)
                ? Html(ConsoleLogsPage.Render(source.GetResources(), null, [], null))
                : Results.Redirect("/logs/" + Uri.EscapeDataString(resource)));
        app.MapGet("/logs/{name}", (string name, string? q) =>
        {
            var resources = source.GetResources();
            return resources.Any(r => string.Equals(r.Name, name, StringComparison.Ordinal))
                ? Html(ConsoleLogsPage.Render(resources, name, source.GetLogLines(name), q))
                : NotFound("There is no resource named " + name + ".");
        });
        app.MapGet("/structured", (string? resource) =>
            Html(StructuredLogsPage.Render(store.Resources, Filter(resource), store.GetLogs(Filter(resource), StructuredLogsPage.Limit))));
        app.MapGet("/traces", (string? resource, string? fragment) =>
        {
            var traces = store.GetRecentTraces(Filter(resource), TracesPage.Limit);
            return fragment is null ? Html(TracesPage.Render(store.Resources, Filter(resource), traces)) : Results.Content(TracesPage.Rows(traces), "text/html; charset=utf-8");
        });
        app.MapGet("/traces/{traceId}", (string traceId) =>
        {
            var spans = store.GetTrace(traceId.ToLowerInvariant());
            return spans.Count == 0
                ? NotFound("No spans of that trace are held (it may be older than the retained spans).")
                : Html(TraceDetailPage.Render(traceId.ToLowerInvariant(), spans, store.GetTraceLogs(traceId.ToLowerInvariant())));
        });
        app.MapGet("/metrics", (string? resource, string? fragment) =>
            fragment is null
                ? Html(MetricsPage.Render(store.Resources, Filter(resource), store.Metrics))
                : Results.Content(MetricsPage.Body(Filter(resource), store.Metrics), "text/html; charset=utf-8"));

        app.MapGet("/api/resources/stream", async (HttpContext context, IHostApplicationLifetime lifetime) =>
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
            StartEventStream(context);
            try
            {
                await foreach (var resources in source.WatchResourcesAsync(stop.Token))
                {
                    await SendAsync(context, new JsonObject { ["html"] = ResourcesPage.Rows(resources) }, stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The page closed or the dashboard stops.
            }
        });
        app.MapGet("/api/logs/{name}/stream", async (string name, long? after, HttpContext context, IHostApplicationLifetime lifetime) =>
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
            StartEventStream(context);
            try
            {
                await foreach (var line in source.WatchLogLinesAsync(name, after ?? 0, stop.Token))
                {
                    await SendAsync(context, new JsonObject
                    {
                        ["seq"] = line.Sequence,
                        ["time"] = HtmlPage.Time(line.Timestamp),
                        ["text"] = line.Text,
                        ["err"] = line.IsError,
                    }, stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The page closed or the dashboard stops.
            }
        });
    }

    private static string? Filter(string? resource) => string.IsNullOrEmpty(resource) ? null : resource;

    private static IResult Html(string html) => Results.Content(html, "text/html; charset=utf-8");

    private static IResult NotFound(string message) =>
        Results.Content(HtmlPage.Layout("Not found", "", "<p>" + HtmlPage.E(message) + "</p>"), "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);

    private static void StartEventStream(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    private static async Task SendAsync(HttpContext context, JsonObject data, CancellationToken cancellationToken)
    {
        await context.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"data: {data.ToJsonString()}\n\n"), cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }
}
