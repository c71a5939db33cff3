using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using McpAspire.Hosting;

namespace McpResource.Tests.WholeApp;

/// <summary>
/// Counts the requests AuthServer itself receives on one endpoint, from its own request log (one line per request,
/// with the trace id the caller propagated; see <see cref="McpWholeAppFixture"/>). Lines are collected from creation
/// to disposal.
/// </summary>
public sealed partial class AuthServerRequestLog : IDisposable
{
    private readonly ResourceLoggerService _logs;
    private readonly string _requestLine;
    private readonly ConcurrentQueue<string> _lines = new();

    public AuthServerRequestLog(DistributedApplication app, Uri endpoint)
    {
        _logs = app.ResourceLogs;
        _requestLine = $"Request starting HTTP/1.1 POST {endpoint.GetLeftPart(UriPartial.Path)} ";
        _logs.LineWritten += OnLine;
    }

    /// <summary>The request lines seen so far.</summary>
    public IReadOnlyList<string> Requests => [.. _lines];

    /// <summary>The W3C trace id a request line carries, if any.</summary>
    public static string? TraceIdOf(string line) => TraceId().Match(line) is { Success: true } match ? match.Groups[1].Value : null;

    /// <summary>Waits until at least <paramref name="count"/> requests were seen, or the time is up; returns what was seen.</summary>
    public async Task<IReadOnlyList<string>> WaitForAsync(int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (_lines.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, cancellationToken);
        }

        return Requests;
    }

    public void Dispose() => _logs.LineWritten -= OnLine;

    private void OnLine(string resource, ResourceLogLine line)
    {
        if (resource == "auth-server" && line.Text.Contains(_requestLine, StringComparison.Ordinal))
        {
            _lines.Enqueue(line.Text);
        }
    }

    [GeneratedRegex("TraceId:([0-9a-f]{32})")]
    private static partial Regex TraceId();
}
