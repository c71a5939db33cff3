using System.Text;
using McpAspire.Dashboard.Telemetry;
using static McpAspire.Dashboard.Web.HtmlPage;

namespace McpAspire.Dashboard.Web;

/// <summary>The most recent traces, newest first, optionally those touching one resource; refreshed every few seconds.</summary>
internal static class TracesPage
{
    public const int Limit = 100;

    public static string Render(IReadOnlyList<string> resources, string? selected, IReadOnlyList<TraceSummary> traces)
    {
        var html = new StringBuilder();
        html.Append(ResourceFilter.Render("/traces", resources, selected));
        var refresh = "/traces?fragment=1" + (selected is null ? "" : "&resource=" + U(selected));
        html.Append("<table id=\"traces\"><thead><tr><th>Started</th><th>Name</th><th>Resources</th><th>Spans</th><th>Duration</th></tr></thead>")
            .Append("<tbody data-refresh=\"").Append(E(refresh)).Append("\" data-interval=\"3000\">").Append(Rows(traces)).Append("</tbody></table>");
        return Layout("Traces", "/traces", html.ToString());
    }

    public static string Rows(IReadOnlyList<TraceSummary> traces)
    {
        if (traces.Count == 0)
        {
            return "<tr><td colspan=\"5\" class=\"muted\">No traces received yet.</td></tr>";
        }

        var html = new StringBuilder();
        foreach (var trace in traces)
        {
            html.Append("<tr data-trace=\"").Append(E(trace.TraceId)).Append("\"><td>").Append(Time(trace.Start)).Append("</td><td><a href=\"/traces/")
                .Append(E(trace.TraceId)).Append("\">").Append(E(trace.RootResource)).Append(": ").Append(E(trace.RootName)).Append("</a>");
            if (trace.HasError)
            {
                html.Append(" <span class=\"badge bad\">error</span>");
            }

            html.Append("</td><td>");
            foreach (var resource in trace.Resources)
            {
                html.Append("<span class=\"badge\">").Append(E(resource)).Append("</span>");
            }

            html.Append("</td><td>").Append(trace.SpanCount).Append("</td><td>").Append(Milliseconds(trace.DurationMilliseconds)).Append("</td></tr>");
        }

        return html.ToString();
    }
}
