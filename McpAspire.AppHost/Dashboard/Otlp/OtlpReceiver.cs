using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using McpAspire.Dashboard.Otlp.Logs;
using McpAspire.Dashboard.Otlp.Metrics;
using McpAspire.Dashboard.Otlp.Trace;
using McpAspire.Dashboard.Telemetry;
using Microsoft.Net.Http.Headers;
using RpcStatus = McpAspire.Dashboard.Otlp.Rpc.Status;

namespace McpAspire.Dashboard.Otlp;

/// <summary>
/// The OTLP/HTTP receiver (binary protobuf): POST /v1/traces, /v1/metrics, /v1/logs. Success is 200 with the
/// Export*ServiceResponse; failures answer with a google.rpc.Status body, as the OTLP/HTTP spec asks.
/// </summary>
internal static class OtlpReceiver
{
    public const string ProtobufContentType = "application/x-protobuf";
    public const string ApiKeyHeader = "x-otlp-api-key";

    // google.rpc.Code values.
    private const int InvalidArgument = 3;
    private const int ResourceExhausted = 8;
    private const int Unauthenticated = 16;

    public static void MapOtlpReceiver(this IEndpointRouteBuilder endpoints, TelemetryStore store, DashboardOptions options)
    {
        endpoints.MapPost("/v1/traces", context => HandleAsync(context, options, ExportTraceServiceRequest.Parser, request =>
        {
            var rejected = OtlpMapper.AddTraces(request, store);
            return new ExportTraceServiceResponse
            {
                PartialSuccess = rejected == 0 ? null : new ExportTracePartialSuccess { RejectedSpans = rejected, ErrorMessage = "Spans need a 16-byte trace_id and an 8-byte span_id." },
            };
        }));
        endpoints.MapPost("/v1/metrics", context => HandleAsync(context, options, ExportMetricsServiceRequest.Parser, request =>
        {
            var rejected = OtlpMapper.AddMetrics(request, store);
            return new ExportMetricsServiceResponse
            {
                PartialSuccess = rejected == 0 ? null : new ExportMetricsPartialSuccess { RejectedDataPoints = rejected, ErrorMessage = "The resource has reached the dashboard's limit of metric series." },
            };
        }));
        endpoints.MapPost("/v1/logs", context => HandleAsync(context, options, ExportLogsServiceRequest.Parser, request =>
        {
            OtlpMapper.AddLogs(request, store);
            return new ExportLogsServiceResponse();
        }));
    }

    private static async Task HandleAsync<TRequest>(HttpContext context, DashboardOptions options, MessageParser<TRequest> parser, Func<TRequest, IMessage> accept)
        where TRequest : IMessage<TRequest>
    {
        if (options.OtlpApiKey is { } apiKey && !KeyMatches(context.Request.Headers[ApiKeyHeader].ToString(), apiKey))
        {
            await WriteStatusAsync(context, StatusCodes.Status401Unauthorized, Unauthenticated, $"The {ApiKeyHeader} header is missing or wrong.");
            return;
        }

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !string.Equals(mediaType.MediaType.Value, ProtobufContentType, StringComparison.OrdinalIgnoreCase))
        {
            await WriteStatusAsync(context, StatusCodes.Status415UnsupportedMediaType, InvalidArgument, $"Only {ProtobufContentType} (OTLP/HTTP binary protobuf) is accepted.");
            return;
        }

        var encoding = context.Request.Headers.ContentEncoding.ToString();
        var gzip = string.Equals(encoding, "gzip", StringComparison.OrdinalIgnoreCase);
        if (!gzip && encoding.Length > 0 && !string.Equals(encoding, "identity", StringComparison.OrdinalIgnoreCase))
        {
            await WriteStatusAsync(context, StatusCodes.Status415UnsupportedMediaType, InvalidArgument, "Content-Encoding must be gzip or none.");
            return;
        }

        byte[]? body;
        try
        {
            body = await ReadBodyAsync(context, gzip, options.MaxOtlpRequestBytes);
        }
        catch (InvalidDataException)
        {
            await WriteStatusAsync(context, StatusCodes.Status400BadRequest, InvalidArgument, "The gzip body could not be decompressed.");
            return;
        }
        catch (BadHttpRequestException)
        {
            body = null;
        }

        if (body is null)
        {
            await WriteStatusAsync(context, StatusCodes.Status413PayloadTooLarge, ResourceExhausted, $"The body is larger than {options.MaxOtlpRequestBytes} bytes.");
            return;
        }

        TRequest request;
        try
        {
            request = parser.ParseFrom(body);
        }
        catch (InvalidProtocolBufferException)
        {
            await WriteStatusAsync(context, StatusCodes.Status400BadRequest, InvalidArgument, "The body is not a valid OTLP protobuf export request.");
            return;
        }

        var response = accept(request);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = ProtobufContentType;
        await context.Response.Body.WriteAsync(response.ToByteArray(), context.RequestAborted);
    }

    /// <summary>The body, or null when it (or its decompressed form) exceeds <paramref name="limit"/> bytes.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext context, bool gzip, int limit)
    {
        if (context.Request.ContentLength > limit)
        {
            return null;
        }

        await using var decompressed = gzip ? new GZipStream(context.Request.Body, CompressionMode.Decompress, leaveOpen: true) : null;
        var source = decompressed ?? context.Request.Body;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static bool KeyMatches(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    private static async Task WriteStatusAsync(HttpContext context, int httpStatus, int code, string message)
    {
        context.Response.StatusCode = httpStatus;
        context.Response.ContentType = ProtobufContentType;
        await context.Response.Body.WriteAsync(new RpcStatus { Code = code, Message = message }.ToByteArray(), context.RequestAborted);
    }
}
