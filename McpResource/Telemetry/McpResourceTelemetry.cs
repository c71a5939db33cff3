using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace McpResource.Telemetry;

/// <summary>The service's ActivitySource and Meter ("McpAspire.McpResource"): one span and one count per tool call.</summary>
public sealed class McpResourceTelemetry
{
    public const string Name = "McpAspire.McpResource";

    private readonly Counter<long> _toolCalls;
    private readonly Histogram<double> _toolCallDuration;

    public McpResourceTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name);
        _toolCalls = meter.CreateCounter<long>("mcp.tool.calls", unit: "{call}", description: "Tool calls by tool and outcome.");
        _toolCallDuration = meter.CreateHistogram<double>("mcp.tool.call.duration", unit: "s", description: "Duration of tool calls.");
    }

    public static ActivitySource ActivitySource { get; } = new(Name);

    public static Activity? StartToolCall(string toolName)
    {
        var activity = ActivitySource.StartActivity($"tools/call {toolName}", ActivityKind.Internal);
        activity?.SetTag("mcp.method.name", "tools/call");
        activity?.SetTag("gen_ai.tool.name", toolName);
        return activity;
    }

    /// <summary>Records one call. Outcomes: success, tool_error, protocol_error, forbidden, unauthorized, unavailable.</summary>
    public void RecordToolCall(string toolName, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { "mcp.tool.name", toolName }, { "mcp.tool.outcome", outcome } };
        _toolCalls.Add(1, tags);
        _toolCallDuration.Record(duration.TotalSeconds, tags);
    }
}
