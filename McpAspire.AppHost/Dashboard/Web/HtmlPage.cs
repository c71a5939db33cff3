using System.Globalization;
using System.Net;
using System.Text;

namespace McpAspire.Dashboard.Web;

/// <summary>The page frame (navigation, stylesheet, script) and small HTML helpers; every value is HTML-encoded.</summary>
internal static class HtmlPage
{
    private static readonly (string Path, string Title)[] Navigation =
    [
        ("/", "Resources"),
        ("/logs", "Console logs"),
        ("/structured", "Structured logs"),
        ("/traces", "Traces"),
        ("/metrics", "Metrics"),
    ];

    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string U(string text) => Uri.EscapeDataString(text);

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public static string Number(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15
            ? value.ToString("#,0", CultureInfo.InvariantCulture)
            : value.ToString("#,0.###", CultureInfo.InvariantCulture);

    public static string Milliseconds(double value) => value.ToString(value < 10 ? "0.00" : "#,0.0", CultureInfo.InvariantCulture) + " ms";

    public static string Layout(string title, string activePath, string body)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(title)).Append(" · McpAspire dashboard</title>")
            .Append("<link rel=\"stylesheet\" href=\"").Append(Assets.StylePath).Append("\">")
            .Append("<script src=\"").Append(Assets.ScriptPath).Append("\" defer></script></head><body>")
            .Append("<header><span class=\"brand\">McpAspire</span><nav>");
        foreach (var (path, text) in Navigation)
        {
            var active = string.Equals(path, activePath, StringComparison.Ordinal) ? " class=\"active\"" : "";
            html.Append("<a href=\"").Append(path).Append('"').Append(active).Append('>').Append(E(text)).Append("</a>");
        }

        html.Append("</nav></header><main><h1>").Append(E(title)).Append("</h1>").Append(body).Append("</main></body></html>");
        return html.ToString();
    }

    public static string LoginForm(bool failed)
    {
        var body = new StringBuilder();
        if (failed)
        {
            body.Append("<p class=\"error\" role=\"alert\">That is not the token this AppHost printed.</p>");
        }

        body.Append("<p>The dashboard shows the app's logs, so it needs the token the AppHost printed at start ")
            .Append("(open the printed address, or paste the token here).</p>")
            .Append("<form method=\"post\" action=\"/login\" class=\"login\"><label for=\"token\">Token</label> ")
            .Append("<input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"off\" required> ")
            .Append("<button type=\"submit\">Sign in</button></form>");
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign in · McpAspire dashboard</title>"
            + "<link rel=\"stylesheet\" href=\"" + Assets.StylePath + "\"></head><body><header><span class=\"brand\">McpAspire</span></header>"
            + "<main><h1>Sign in</h1>" + body + "</main></body></html>";
    }

    public static async Task WriteAsync(HttpContext context, string html, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(html, context.RequestAborted);
    }
}
