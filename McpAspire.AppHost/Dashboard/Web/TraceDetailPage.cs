using System.Globalization;
using System.Text;
using McpAspire.Dashboard.Telemetry;
using static McpAspire.Dashboard.Web.HtmlPage;

namespace McpAspire.Dashboard.Web;

/// <summary>
/// One trace as a waterfall: spans in call order (children under their parent), a bar per span on the trace's time
/// axis, coloured by resource; each row opens to its attributes and events. The trace's structured logs follow.
/// </summary>
internal static class TraceDetailPage
{
    public static string Render(string traceId, IReadOnlyList<StoredSpan> spans, IReadOnlyList<StoredLogRecord> logs)
    {
        var start = spans.Min(span => span.StartUnixNano);
        var end = spans.Max(span => span.EndUnixNano);
        var total = Math.Max(1, end - start);
        var resources = spans.Select(span => span.Resource).Distinct(StringComparer.Ordinal).ToList();
        var html = new StringBuilder();
        html.Append("<p><span class=\"muted\">Trace</span> <code>").Append(E(traceId)).Append("</code> · ")
            .Append(Time(DateTimeOffset.FromUnixTimeMilliseconds(start / 1_000_000))).Append(" · ")
            .Append(Milliseconds(total / 1_000_000d)).Append(" · ").Append(spans.Count).Append(" spans · ");
        foreach (var resource in resources)
        {
            html.Append("<span class=\"badge\"><span class=\"bar-key ").Append(ColourClass(resources, resource)).Append("\">&nbsp;&nbsp;</span> ")
                .Append(E(resource)).Append("</span>");
        }

        html.Append("</p><div class=\"waterfall\" id=\"waterfall\">");
        foreach (var (span, depth) in InCallOrder(spans))
        {
            var left = (span.StartUnixNano - start) * 100d / total;
            var width = Math.Max(0.2, (span.EndUnixNano - span.StartUnixNano) * 100d / total);
            html.Append("<details class=\"span").Append(span.Status == SpanStatus.Error ? " error" : "").Append("\" data-span=\"").Append(E(span.SpanId))
                .Append("\" data-resource=\"").Append(E(span.Resource)).Append("\"><summary><span class=\"label\" style=\"padding-left:")
                .Append((depth * 16).ToString(CultureInfo.InvariantCulture)).Append("px\"><b>").Append(E(span.Resource)).Append("</b> ").Append(E(span.Name))
                .Append(" <span class=\"muted\">").Append(E(span.Kind)).Append(Peer(span)).Append("</span></span><span class=\"track\"><span class=\"bar ")
                .Append(ColourClass(resources, span.Resource)).Append("\" style=\"left:").Append(Percent(left)).Append("%;width:").Append(Percent(Math.Min(width, 100 - left)))
                .Append("%\"></span><span class=\"dur\" style=\"").Append(left + width > 85 ? "right:6px;color:#fff" : "left:" + Percent(left + width) + "%").Append("\">&nbsp;")
                .Append(Milliseconds(span.DurationMilliseconds)).Append("</span></span></summary><div class=\"detail\">")
                .Append(Attributes(span));
            html.Append("</div></details>");
        }

        html.Append("</div>");
        if (logs.Count > 0)
        {
            html.Append("<h2>Logs in this trace</h2>").Append(StructuredLogsPage.Table(logs));
        }

        return Layout("Trace: " + spans.First(span => span.ParentSpanId is null || spans.All(other => other.SpanId != span.ParentSpanId)).Name, "/traces", html.ToString());
    }

    /// <summary>For a client span: what it called (a database system, else the server address), e.g. " → postgresql".</summary>
    private static string Peer(StoredSpan span)
    {
        if (span.Kind != "client")
        {
            return "";
        }

        string? Attribute(string key) => span.Attributes.FirstOrDefault(pair => pair.Key == key).Value;
        var peer = Attribute("db.system.name") ?? Attribute("db.system") ?? Attribute("server.address") ?? Attribute("net.peer.name");
        return peer is null ? "" : " → " + E(peer);
    }

    private static string Attributes(StoredSpan span)
    {
        var html = new StringBuilder("<table><tbody>");
        Row(html, "span id", span.SpanId);
        Row(html, "scope", span.Scope);
        Row(html, "status", span.Status + (span.StatusMessage is null ? "" : ": " + span.StatusMessage));
        foreach (var (key, value) in span.Attributes)
        {
            Row(html, key, value);
        }

        foreach (var spanEvent in span.Events)
        {
            Row(html, "event " + Time(DateTimeOffset.FromUnixTimeMilliseconds(spanEvent.TimeUnixNano / 1_000_000)),
                spanEvent.Name + (spanEvent.Attributes.Length == 0 ? "" : " " + string.Join(", ", spanEvent.Attributes.Select(a => a.Key + "=" + a.Value))));
        }

        return html.Append("</tbody></table>").ToString();
    }

    private static void Row(StringBuilder html, string key, string value) =>
        html.Append("<tr><th>").Append(E(key)).Append("</th><td>").Append(E(value)).Append("</td></tr>");

    /// <summary>Depth-first from the roots (spans whose parent is not in the trace), children by start time.</summary>
    private static IEnumerable<(StoredSpan Span, int Depth)> InCallOrder(IReadOnlyList<StoredSpan> spans)
    {
        var ids = spans.Select(span => span.SpanId).ToHashSet(StringComparer.Ordinal);
        var children = spans.Where(span => span.ParentSpanId is not null && ids.Contains(span.ParentSpanId))
            .GroupBy(span => span.ParentSpanId!, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.OrderBy(span => span.StartUnixNano).ToList(), StringComparer.Ordinal);
        var stack = new Stack<(StoredSpan, int)>();
        foreach (var root in spans.Where(span => span.ParentSpanId is null || !ids.Contains(span.ParentSpanId)).OrderByDescending(span => span.StartUnixNano))
        {
            stack.Push((root, 0));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (stack.Count > 0)
        {
            var (span, depth) = stack.Pop();
            if (!seen.Add(span.SpanId))
            {
                continue;
            }

            yield return (span, depth);
            if (children.TryGetValue(span.SpanId, out var kids))
            {
                for (var i = kids.Count - 1; i >= 0; i--)
                {
                    stack.Push((kids[i], depth + 1));
                }
            }
        }
    }

    private static string ColourClass(List<string> resources, string resource) => "c" + (resources.IndexOf(resource) % 8).ToString(CultureInfo.InvariantCulture);

    private static string Percent(double value) => Math.Clamp(value, 0, 100).ToString("0.###", CultureInfo.InvariantCulture);
}
