using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using McpResource.Tests.Infrastructure;

namespace McpResource.Tests.WholeApp;

/// <summary>Raw MCP calls to the running McpResource, with a bearer token.</summary>
public static partial class WholeAppMcp
{
    public static async Task<HttpResponseMessage> CallToolAsync(
        HttpClient client, string? token, string tool, object? arguments, CancellationToken cancellationToken, string? traceParent = null)
    {
        using var request = McpHttp.CallTool(tool, arguments);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (traceParent is not null)
        {
            request.Headers.Add("traceparent", traceParent);
        }

        return await client.SendAsync(request, cancellationToken);
    }

    /// <summary>Calls a tool that must answer 200 and returns the text of its result (and whether it is a tool error).</summary>
    public static async Task<(string Text, bool IsError)> CallToolTextAsync(
        HttpClient client, string token, string tool, object? arguments, CancellationToken cancellationToken)
    {
        using var response = await CallToolAsync(client, token, tool, arguments, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{tool} answered {(int)response.StatusCode}: {body}");
        var message = await McpHttp.ReadMessageAsync(response, cancellationToken);
        var result = message.GetProperty("result");
        return (McpHttp.FirstText(result), McpHttp.IsError(result));
    }

    /// <summary>Calls a tool that must succeed and returns its result's text parsed as JSON.</summary>
    public static async Task<JsonElement> CallToolJsonAsync(
        HttpClient client, string token, string tool, object? arguments, CancellationToken cancellationToken)
    {
        var (text, isError) = await CallToolTextAsync(client, token, tool, arguments, cancellationToken);
        Assert.False(isError, $"{tool} failed: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// Calls a tool with <paramref name="token"/> until McpResource refuses it (401), for at most <paramref name="limit"/>;
    /// returns how long that took, or null when the token still worked at the end.
    /// </summary>
    public static async Task<TimeSpan?> TimeUntilRefusedAsync(HttpClient client, string token, TimeSpan limit, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var response = await CallToolAsync(client, token, "list_tickets", null, cancellationToken);
            if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
            {
                return clock.Elapsed;
            }

            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            if (clock.Elapsed > limit)
            {
                return null;
            }

            await Task.Delay(25, cancellationToken);
        }
    }

    /// <summary>The parameters of a Bearer challenge (<c>name="value"</c> pairs).</summary>
    public static Dictionary<string, string> ChallengeParameters(HttpResponseMessage response)
    {
        var challenge = response.Headers.WwwAuthenticate.Single();
        Assert.Equal("Bearer", challenge.Scheme);
        return Parameter().Matches(challenge.Parameter ?? "").ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
    }

    /// <summary>A W3C traceparent with a new random trace id; returns both.</summary>
    public static (string TraceParent, string TraceId) NewTraceParent()
    {
        var traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var spanId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..8]);
        return ($"00-{traceId}-{spanId}-01", traceId);
    }

    [GeneratedRegex("([a-z_]+)=\"([^\"]*)\"")]
    private static partial Regex Parameter();
}
