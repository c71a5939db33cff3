using System.Globalization;
using System.Text;
using McpAspire.Dashboard.Telemetry;
using static McpAspire.Dashboard.Web.HtmlPage;

namespace McpAspire.Dashboard.Web;

/// <summary>
/// Metrics over the window: cache hit ratios first, then the project's own instruments (McpAspire.* meters) per
/// resource, one row per attribute set with its value, its change over the window and a small chart; the platform's
/// instruments (runtime, ASP.NET Core, HttpClient) are folded away. Refreshed every few seconds.
/// </summary>
internal static class MetricsPage
{
    public static string Render(IReadOnlyList<string> resources, string? selected, MetricStore metrics)
    {
        var refresh = "/metrics?fragment=1" + (selected is null ? "" : "&resource=" + U(selected));
        return Layout("Metrics", "/metrics",
            ResourceFilter.Render("/metrics", resources, selected)
            + "<div id=\"metrics\" data-refresh=\"" + E(refresh) + "\" data-interval=\"5000\">" + Body(selected, metrics) + "</div>");
    }

    public static string Body(string? selected, MetricStore metrics)
    {
        var html = new StringBuilder();
        var minutes = metrics.Window.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture);
        var ratios = metrics.GetCacheRatios(selected);
        var all = metrics.GetMetrics(selected);
        if (all.Count == 0)
        {
            return "<p class=\"muted\">No metrics received yet.</p>";
        }

        if (ratios.Count > 0)
        {
            html.Append("<h2>Cache hit ratio</h2><div class=\"cards\">");
            foreach (var ratio in ratios)
            {
                html.Append("<div class=\"card\" data-ratio=\"").Append(E(ratio.Resource + "/" + ratio.MetricName)).Append("\"><h3>").Append(E(ratio.Resource))
                    .Append(" · ").Append(E(ratio.MetricName)).Append("</h3><div class=\"big\">").Append(Ratio(ratio.Ratio)).Append("</div><div class=\"muted\">")
                    .Append(Number(ratio.Hits)).Append(" hits of ").Append(Number(ratio.Total)).Append(" lookups since start; last ").Append(minutes).Append(" min: ")
                    .Append(Ratio(ratio.RatioInWindow)).Append(" (").Append(Number(ratio.HitsInWindow)).Append(" of ").Append(Number(ratio.TotalInWindow)).Append(")</div></div>");
            }

            html.Append("</div>");
        }

        foreach (var group in all.Where(metric => metric.IsProjectMetric).GroupBy(metric => metric.Resource, StringComparer.Ordinal))
        {
            html.Append("<h2>").Append(E(group.Key)).Append("</h2><div class=\"cards\">");
            foreach (var metric in group)
            {
                html.Append(Card(metric, minutes));
            }

            html.Append("</div>");
        }

        var platform = all.Where(metric => !metric.IsProjectMetric).ToList();
        if (platform.Count > 0)
        {
            html.Append("<details><summary><h2 style=\"display:inline\">Platform instruments (").Append(platform.Count).Append(")</h2></summary><div class=\"cards\">");
            foreach (var metric in platform)
            {
                html.Append(Card(metric, minutes));
            }

            html.Append("</div></details>");
        }

        return html.ToString();
    }

    private static string Card(MetricView metric, string minutes)
    {
        var html = new StringBuilder();
        html.Append("<div class=\"card\" data-metric=\"").Append(E(metric.Name)).Append("\"><h3>").Append(E(metric.Name)).Append(" <span class=\"muted\">")
            .Append(E(metric.Unit)).Append(" · ").Append(E(metric.Resource)).Append("</span></h3><div class=\"muted\">").Append(E(metric.Description)).Append("</div>")
            .Append("<table><thead><tr><th>Attributes</th><th>").Append(ValueHeading(metric)).Append("</th><th>Last ").Append(minutes).Append(" min</th><th></th></tr></thead><tbody>");
        foreach (var series in metric.Series)
        {
            var latest = series.Latest;
            html.Append("<tr data-series=\"").Append(E(series.Label)).Append("\"><td>").Append(E(series.Label)).Append("</td><td class=\"value\">")
                .Append(latest is null ? "" : Value(metric, latest.Value)).Append("</td><td class=\"change\">");
            if (metric.Kind != MetricKind.Gauge)
            {
                html.Append('+').Append(Number(series.ChangeInWindow));
            }

            html.Append("</td><td>").Append(Sparkline(series.Points, metric.Kind)).Append("</td></tr>");
        }

        return html.Append("</tbody></table></div>").ToString();
    }

    private static string ValueHeading(MetricView metric) => metric.Kind switch
    {
        MetricKind.Histogram => "Count · mean",
        MetricKind.Gauge => "Value",
        _ => "Total",
    };

    private static string Value(MetricView metric, MetricPoint point) => metric.Kind == MetricKind.Histogram
        ? Number(point.Value) + " · " + (point.Value > 0 ? Number(point.Sum / point.Value) : "0")
        : Number(point.Value);

    private static string Ratio(double? ratio) => ratio is { } value ? (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "–";

    /// <summary>A polyline of the value over the window (for counters: the increase per interval, so a burst shows as a peak).</summary>
    private static string Sparkline(MetricPoint[] points, MetricKind kind)
    {
        if (points.Length < 2)
        {
            return "";
        }

        var values = kind == MetricKind.Gauge
            ? points.Select(point => point.Value).ToArray()
            : points.Skip(1).Select((point, i) => Math.Max(0, point.Value - points[i].Value)).ToArray();
        if (values.Length < 2)
        {
            return "";
        }

        var max = values.Max();
        var min = Math.Min(0, values.Min());
        var range = max - min == 0 ? 1 : max - min;
        var text = new StringBuilder("<svg class=\"spark\" viewBox=\"0 0 160 32\" preserveAspectRatio=\"none\" role=\"img\"><polyline points=\"");
        for (var i = 0; i < values.Length; i++)
        {
            var x = i * 160d / (values.Length - 1);
            var y = 30 - ((values[i] - min) * 28 / range);
            text.Append(x.ToString("0.#", CultureInfo.InvariantCulture)).Append(',').Append(y.ToString("0.#", CultureInfo.InvariantCulture)).Append(' ');
        }

        return text.Append("\"/></svg>").ToString();
    }
}
