using System.Text;
using McpAspire.Dashboard.Resources;
using static McpAspire.Dashboard.Web.HtmlPage;

namespace McpAspire.Dashboard.Web;

/// <summary>One resource's console output, live, with a search box (also <c>?q=</c>) that filters the lines.</summary>
internal static class ConsoleLogsPage
{
    public static string Render(IReadOnlyList<DashboardResource> resources, string? selected, IReadOnlyList<DashboardLogLine> lines, string? query)
    {
        var html = new StringBuilder();
        html.Append("<form class=\"toolbar\" method=\"get\" action=\"/logs\"><label for=\"resource\">Resource</label> <select id=\"resource\" name=\"resource\">");
        foreach (var resource in resources)
        {
            var isSelected = string.Equals(resource.Name, selected, StringComparison.Ordinal) ? " selected" : "";
            html.Append("<option value=\"").Append(E(resource.Name)).Append('"').Append(isSelected).Append('>').Append(E(resource.Name)).Append("</option>");
        }

        html.Append("</select> <button type=\"submit\">Show</button>");
        if (selected is not null)
        {
            html.Append(" <input type=\"search\" id=\"search\" name=\"q\" placeholder=\"Search the lines\" value=\"").Append(E(query)).Append("\">")
                .Append(" <span id=\"count\" class=\"muted\"></span>");
        }

        html.Append("</form>");
        if (selected is null)
        {
            html.Append("<p class=\"muted\">Pick a resource to see its output.</p>");
            return Layout("Console logs", "/logs", html.ToString());
        }

        var last = lines.Count == 0 ? 0 : lines[^1].Sequence;
        html.Append("<div id=\"log\" data-stream=\"/api/logs/").Append(U(selected)).Append("/stream?after=").Append(last).Append("\">");
        foreach (var line in lines)
        {
            var hidden = !string.IsNullOrEmpty(query) && !line.Text.Contains(query, StringComparison.OrdinalIgnoreCase) ? " hidden" : "";
            html.Append("<div class=\"line").Append(line.IsError ? " err" : "").Append(hidden).Append("\" data-seq=\"").Append(line.Sequence).Append("\">")
                .Append("<span class=\"ts\">").Append(Time(line.Timestamp)).Append("</span>").Append(E(line.Text)).Append("</div>");
        }

        html.Append("</div>");
        return Layout("Console logs: " + selected, "/logs", html.ToString());
    }
}
