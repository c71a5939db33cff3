using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
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
    /// auth-server (introspection). Returns its trace id.
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
                    Thread.Sleep(3);
                }

                Thread.Sleep(2);
            }
        }

        chat.ForceFlush(10_000);
        mcp.ForceFlush(10_000);
        auth.ForceFlush(10_000);
        return traceId;
    }
}
