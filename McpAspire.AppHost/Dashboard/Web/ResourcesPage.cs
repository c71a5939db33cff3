using System.Text;
using McpAspire.Dashboard.Resources;
using static McpAspire.Dashboard.Web.HtmlPage;

namespace McpAspire.Dashboard.Web;

/// <summary>The resources table; its body is re-sent over server-sent events on every change.</summary>
internal static class ResourcesPage
{
    public static string Render(IReadOnlyList<DashboardResource> resources) =>
        Layout("Resources", "/",
            "<table id=\"resources\"><thead><tr><th>Name</th><th>Kind</th><th>State</th><th>Health</th><th>Endpoints</th>"
            + "<th>Started</th><th>Restarts</th><th>Exit code</th></tr></thead>"
            + "<tbody data-live-resources=\"/api/resources/stream\">" + Rows(resources) + "</tbody></table>");

    public static string Rows(IReadOnlyList<DashboardResource> resources)
    {
        if (resources.Count == 0)
        {
            return "<tr><td colspan=\"8\" class=\"muted\">No resources yet.</td></tr>";
        }

        var html = new StringBuilder();
        foreach (var resource in resources)
        {
            html.Append("<tr data-resource=\"").Append(E(resource.Name)).Append("\" data-state=\"").Append(E(resource.State))
                .Append("\" data-health=\"").Append(E(resource.Health)).Append("\"><td><a href=\"/logs/").Append(U(resource.Name)).Append("\">")
                .Append(E(resource.Name)).Append("</a>");
            if (!string.IsNullOrEmpty(resource.Message))
            {
                html.Append("<div class=\"muted\">").Append(E(resource.Message)).Append("</div>");
            }

            html.Append("</td><td>").Append(E(resource.Kind)).Append("</td><td><span class=\"badge ").Append(StateClass(resource.State)).Append("\">")
                .Append(E(resource.State)).Append("</span></td><td><span class=\"badge ").Append(HealthClass(resource.Health)).Append("\">")
                .Append(E(resource.Health)).Append("</span></td><td>");
            foreach (var endpoint in resource.Endpoints)
            {
                if (Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                {
                    html.Append("<a href=\"").Append(E(endpoint)).Append("\" target=\"_blank\" rel=\"noopener\">").Append(E(endpoint)).Append("</a> ");
                }
                else
                {
                    html.Append("<span>").Append(E(endpoint)).Append("</span> ");
                }
            }

            html.Append("</td><td>").Append(resource.StartTime is { } start ? Time(start) : "").Append("</td><td>")
                .Append(resource.Restarts).Append("</td><td>").Append(resource.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "")
                .Append("</td></tr>");
        }

        return html.ToString();
    }

    private static string StateClass(string state) => state switch
    {
        "Running" => "good",
        "Exited" or "FailedToStart" or "Stopped" => "bad",
        _ => "busy",
    };

    private static string HealthClass(string health) => health switch
    {
        "Healthy" => "good",
        "Unhealthy" => "bad",
        _ => "",
    };
}
