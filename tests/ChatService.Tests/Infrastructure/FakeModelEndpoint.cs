using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatService.Tests.Infrastructure;

/// <summary>
/// An OpenAI-compatible chat completions endpoint (streamed chunks, as the API sends them) on a loopback port. Its
/// "model" asks for one tool call on the first turn and, once a tool result is in the conversation, answers with
/// that result quoted. It can also fail every request with 500, like a broken model server.
/// </summary>
public sealed class FakeModelEndpoint : IAsyncDisposable
{
    private readonly ConcurrentQueue<JsonObject> _requests = new();
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>The endpoint as configured in ChatService:Agent:Endpoint.</summary>
    public string Endpoint => BaseUrl + "/v1";

    public bool Failing { get; set; }

    /// <summary>Keep asking for the tool call while tools are offered (a model that never settles).</summary>
    public bool AlwaysCallTools { get; set; }

    /// <summary>The tool call the model asks for on the first turn.</summary>
    public (string Name, string ArgumentsJson) ToolCall { get; set; } = ("create_ticket", "{\"title\":\"Disk full on build agent\"}");

    public IReadOnlyCollection<JsonObject> Requests => [.. _requests];

    public static async Task<FakeModelEndpoint> StartAsync(CancellationToken cancellationToken)
    {
        var endpoint = new FakeModelEndpoint();
        (endpoint._app, endpoint.BaseUrl) = await LoopbackApp.StartAsync(
            app => app.MapPost("/v1/chat/completions", endpoint.HandleAsync), cancellationToken);
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        _requests.Enqueue(request);
        if (Failing)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "model crashed", type = "server_error" } });
            return;
        }

        var messages = request["messages"]!.AsArray();
        var toolResult = messages.LastOrDefault(m => m!["role"]!.GetValue<string>() == "tool");
        context.Response.ContentType = "text/event-stream";
        var toolsOffered = request["tools"] is JsonArray { Count: > 0 };
        if (toolResult is null || AlwaysCallTools && toolsOffered)
        {
            await ChunkAsync(context, new JsonObject
            {
                ["role"] = "assistant",
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["id"] = "call_fake_1",
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = ToolCall.Name, ["arguments"] = ToolCall.ArgumentsJson },
                }),
            }, null);
            await ChunkAsync(context, new JsonObject(), "tool_calls");
        }
        else
        {
            await ChunkAsync(context, new JsonObject { ["role"] = "assistant", ["content"] = "The tool said: " }, null);
            await ChunkAsync(context, new JsonObject { ["content"] = toolResult!["content"]!.ToString() }, null);
            await ChunkAsync(context, new JsonObject(), "stop");
        }

        await context.Response.WriteAsync("data: [DONE]\n\n");
    }

    private static async Task ChunkAsync(HttpContext context, JsonObject delta, string? finishReason)
    {
        var chunk = new JsonObject
        {
            ["id"] = "chatcmpl-fake",
            ["object"] = "chat.completion.chunk",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = "fake-model",
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason }),
        };
        await context.Response.WriteAsync($"data: {chunk.ToJsonString()}\n\n");
        await context.Response.Body.FlushAsync();
    }
}
