using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace McpAspire.Dashboard.Tests;

/// <summary>OpenTelemetry SDK tracer providers exporting OTLP/HTTP protobuf to a test dashboard, one per pretend service.</summary>
internal static class OtlpSenders
{
    public static TracerProvider Tracer(Uri endpoint, string serviceName, string sourceName, ExportProcessorType processor = ExportProcessorType.Simple) =>
        Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService(serviceName))
            .AddSource(sourceName)
            .SetSampler(new AlwaysOnSampler())
            .AddOtlpExporter(otlp =>
            {
                otlp.Endpoint = endpoint;
                otlp.Protocol = OtlpExportProtocol.HttpProtobuf;
                otlp.ExportProcessorType = processor;
                otlp.BatchExportProcessorOptions = new BatchExportActivityProcessorOptions { MaxExportBatchSize = 512, MaxQueueSize = 20_000, ScheduledDelayMilliseconds = 200 };
            })
            .Build();

    /// <summary>
    /// One chat message's trace over three services: chat-service (server) → mcp-resource (server, a tool call) →
    /// auth-server (introspection) → its PostgreSQL query (client span). Returns its trace id.
    /// </summary>
    public static string SendChatTrace(Uri endpoint, string suffix)
    {
        var chatSource = "Test.Chat." + suffix;
        var mcpSource = "Test.Mcp." + suffix;
        var authSource = "Test.Auth." + suffix;
        using var chat = Tracer(endpoint, "chat-service", chatSource);
        using var mcp = Tracer(endpoint, "mcp-resource", mcpSource);
        using var auth = Tracer(endpoint, "auth-server", authSource);
        using var chatActivities = new ActivitySource(chatSource);
        using var mcpActivities = new ActivitySource(mcpSource);
        using var authActivities = new ActivitySource(authSource);

        string traceId;
        using (var message = chatActivities.StartActivity("POST /api/conversations/{id}/messages", ActivityKind.Server)!)
        {
            traceId = message.TraceId.ToHexString();
            message.SetTag("http.request.method", "POST");
            using (var call = mcpActivities.StartActivity("tools/call create_ticket", ActivityKind.Server)!)
            {
                call.SetTag("gen_ai.tool.name", "create_ticket");
                using (var introspect = authActivities.StartActivity("POST /connect/introspect", ActivityKind.Server)!)
                {
                    introspect.SetTag("http.response.status_code", 200);
                    using (var query = authActivities.StartActivity("SELECT authdb", ActivityKind.Client)!)
                    {
                        query.SetTag("db.system.name", "postgresql");
                        Thread.Sleep(2);
                    }

                    Thread.Sleep(1);
                }

                Thread.Sleep(2);
            }
        }

        chat.ForceFlush(10_000);
        mcp.ForceFlush(10_000);
        auth.ForceFlush(10_000);
        return traceId;
    }

    /// <summary>
    /// The project's own metrics as the services would send them, in two exports a moment apart: introspection cache
    /// lookups (hit/miss) and tool calls by tool and outcome from mcp-resource, tokens issued by grant type from auth-server.
    /// </summary>
    public static void SendProjectMetrics(Uri endpoint, string suffix)
    {
        var mcpMeter = "McpAspire.McpResource." + suffix;
        var authMeter = "McpAspire.AuthServer." + suffix;
        using var mcp = MeterProvider(endpoint, "mcp-resource", mcpMeter);
        using var auth = MeterProvider(endpoint, "auth-server", authMeter);
        using var mcpInstruments = new Meter(mcpMeter);
        using var authInstruments = new Meter(authMeter);
        var lookups = mcpInstruments.CreateCounter<long>("mcpaspire.introspection.cache.lookups", "{lookup}", "Token lookups in the introspection cache.");
        var toolCalls = mcpInstruments.CreateCounter<long>("mcp.tool.calls", "{call}", "Tool calls by tool and outcome.");
        var tokens = authInstruments.CreateCounter<long>("mcpaspire.tokens.issued", "{token}", "Tokens issued by grant type.");
        for (var round = 0; round < 3; round++)
        {
            lookups.Add(9, new KeyValuePair<string, object?>("result", "hit"));
            lookups.Add(1, new KeyValuePair<string, object?>("result", "miss"));
            toolCalls.Add(2 + round, new("mcp.tool.name", "create_ticket"), new("mcp.tool.outcome", "success"));
            toolCalls.Add(1, new("mcp.tool.name", "create_ticket"), new("mcp.tool.outcome", "forbidden"));
            tokens.Add(3, new KeyValuePair<string, object?>("grant_type", "authorization_code"));
            tokens.Add(5 * round, new KeyValuePair<string, object?>("grant_type", "client_credentials"));
            mcp.ForceFlush(10_000);
            auth.ForceFlush(10_000);
        }
    }

    private static MeterProvider MeterProvider(Uri endpoint, string serviceName, string meterName) =>
        Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService(serviceName))
            .AddMeter(meterName)
            .AddOtlpExporter(otlp =>
            {
                otlp.Endpoint = endpoint;
                otlp.Protocol = OtlpExportProtocol.HttpProtobuf;
            })
            .Build();
}
