using System.Text;
using static McpAspire.Dashboard.Web.HtmlPage;

namespace McpAspire.Dashboard.Web;

/// <summary>A "resource" drop-down that reloads the page filtered (all resources when empty).</summary>
internal static class ResourceFilter
{
    public static string Render(string action, IReadOnlyList<string> resources, string? selected)
    {
        var html = new StringBuilder();
        html.Append("<form class=\"toolbar\" method=\"get\" action=\"").Append(action).Append("\"><label for=\"resource\">Resource</label> ")
            .Append("<select id=\"resource\" name=\"resource\"><option value=\"\">All</option>");
        foreach (var resource in resources)
        {
            var isSelected = string.Equals(resource, selected, StringComparison.Ordinal) ? " selected" : "";
            html.Append("<option value=\"").Append(E(resource)).Append('"').Append(isSelected).Append('>').Append(E(resource)).Append("</option>");
        }

        html.Append("</select> <button type=\"submit\">Filter</button></form>");
        return html.ToString();
    }
}
