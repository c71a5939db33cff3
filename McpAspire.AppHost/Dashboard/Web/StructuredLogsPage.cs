using System.Text;
using McpAspire.Dashboard.Telemetry;
using static McpAspire.Dashboard.Web.HtmlPage;

namespace McpAspire.Dashboard.Web;

/// <summary>The newest OTLP log records, with their severity and a link to their trace.</summary>
internal static class StructuredLogsPage
{
    public const int Limit = 500;

    public static string Render(IReadOnlyList<string> resources, string? selected, IReadOnlyList<StoredLogRecord> logs) =>
        Layout("Structured logs", "/structured", ResourceFilter.Render("/structured", resources, selected) + Table(logs));

    public static string Table(IReadOnlyList<StoredLogRecord> logs)
    {
        if (logs.Count == 0)
        {
            return "<p class=\"muted\">No log records received yet.</p>";
        }

        var html = new StringBuilder("<table id=\"structured\"><thead><tr><th>Time</th><th>Resource</th><th>Level</th><th>Message</th><th>Trace</th></tr></thead><tbody>");
        foreach (var log in logs)
        {
            var level = log.Severity is "Error" or "Critical" ? "bad" : log.Severity == "Warning" ? "busy" : "";
            html.Append("<tr><td>").Append(Time(log.Time)).Append("</td><td>").Append(E(log.Resource)).Append("</td><td><span class=\"badge ").Append(level).Append("\">")
                .Append(E(log.Severity)).Append("</span></td><td>").Append(E(log.Body));
            if (log.Attributes.Length > 0)
            {
                html.Append("<div class=\"muted\">").Append(E(string.Join(", ", log.Attributes.Select(a => a.Key + "=" + a.Value)))).Append("</div>");
            }

            html.Append("</td><td>");
            if (log.TraceId is not null)
            {
                html.Append("<a href=\"/traces/").Append(E(log.TraceId)).Append("\">").Append(E(log.TraceId[..8])).Append("</a>");
            }

            html.Append("</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }
}
