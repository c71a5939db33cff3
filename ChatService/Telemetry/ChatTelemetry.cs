using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ChatService.Telemetry;

/// <summary>The service's ActivitySource and Meter ("McpAspire.ChatService"), picked up by ServiceDefaults' telemetry.</summary>
public sealed class ChatTelemetry : IDisposable
{
    public const string Name = "McpAspire.ChatService";

    public static readonly ActivitySource Source = new(Name);

    private readonly Meter _meter;
    private readonly Counter<long> _serviceTokenRequests;
    private readonly Counter<long> _toolCalls;
    private readonly Histogram<double> _replyDuration;

    public ChatTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Name);
        _serviceTokenRequests = _meter.CreateCounter<long>("mcpaspire.chat.service_token.requests", "{request}",
            "Client-credentials token requests sent to the authorization server.");
        _toolCalls = _meter.CreateCounter<long>("mcpaspire.chat.tool_calls", "{call}", "MCP tool calls made by the agent, by tool and outcome.");
        _replyDuration = _meter.CreateHistogram<double>("mcpaspire.chat.reply.duration", "ms", "Time to produce an assistant reply.");
    }

    public void RecordServiceTokenRequest(bool succeeded) =>
        _serviceTokenRequests.Add(1, new KeyValuePair<string, object?>("outcome", succeeded ? "success" : "failure"));

    public void RecordToolCall(string tool, string outcome) =>
        _toolCalls.Add(1, new KeyValuePair<string, object?>("tool", tool), new KeyValuePair<string, object?>("outcome", outcome));

    public void RecordReply(TimeSpan elapsed, string provider) =>
        _replyDuration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("provider", provider));

    public void Dispose() => _meter.Dispose();
}
