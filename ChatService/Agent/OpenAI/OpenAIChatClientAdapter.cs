using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using ChatService.Options;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAIChat = OpenAI.Chat;

namespace ChatService.Agent.OpenAI;

/// <summary>
/// <see cref="IChatClient"/> over the official OpenAI client, for any OpenAI-compatible chat completions endpoint
/// (OpenAI, Azure OpenAI's v1 API, Ollama, llama.cpp, vLLM): messages, tools and tool calls are translated both ways.
/// </summary>
public sealed class OpenAIChatClientAdapter : IChatClient
{
    /// <summary>Sent when no key is configured: local servers (Ollama, llama.cpp) accept any key but the client needs one.</summary>
    private const string KeylessEndpointCredential = "none";

    private readonly OpenAIChat.ChatClient _client;
    private readonly ChatClientMetadata _metadata;

    public OpenAIChatClientAdapter(IOptions<AgentOptions> options, IHttpClientFactory httpClientFactory)
    {
        var settings = options.Value;
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = settings.Endpoint,
            NetworkTimeout = settings.Timeout,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 1),
            Transport = new HttpClientPipelineTransport(httpClientFactory.CreateClient(HttpClientName)),
        };
        var key = string.IsNullOrEmpty(settings.ApiKey) ? KeylessEndpointCredential : settings.ApiKey;
        _client = new OpenAIChat.ChatClient(settings.Model!, new ApiKeyCredential(key), clientOptions);
        _metadata = new ChatClientMetadata("openai", settings.Endpoint, settings.Model);
    }

    public const string HttpClientName = "model";

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var completion = (await _client.CompleteChatAsync(ToOpenAI(messages), ToOpenAI(options), cancellationToken)).Value;
        var contents = new List<AIContent>();
        var text = string.Concat(completion.Content.Select(p => p.Text));
        if (text.Length > 0)
        {
            contents.Add(new TextContent(text));
        }

        contents.AddRange(completion.ToolCalls.Select(c => ToFunctionCall(c.Id, c.FunctionName, c.FunctionArguments.ToString())));
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, contents)) { ModelId = completion.Model, ResponseId = completion.Id };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var calls = new SortedDictionary<int, (string? Id, string? Name, StringBuilder Arguments)>();
        await foreach (var update in _client.CompleteChatStreamingAsync(ToOpenAI(messages), ToOpenAI(options), cancellationToken))
        {
            var text = string.Concat(update.ContentUpdate.Select(p => p.Text));
            if (text.Length > 0)
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, text) { ModelId = update.Model, ResponseId = update.CompletionId };
            }

            foreach (var call in update.ToolCallUpdates)
            {
                var (id, name, arguments) = calls.TryGetValue(call.Index, out var known) ? known : (null, null, new StringBuilder());
                calls[call.Index] = (call.ToolCallId ?? id, call.FunctionName ?? name, arguments.Append(call.FunctionArgumentsUpdate?.ToString()));
            }
        }

        if (calls.Count > 0)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant,
                [.. calls.Values.Select(c => ToFunctionCall(c.Id ?? "", c.Name ?? "", c.Arguments.ToString()))]);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? _metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }

    private static FunctionCallContent ToFunctionCall(string id, string name, string json)
    {
        Dictionary<string, object?>? arguments;
        try
        {
            arguments = string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize<Dictionary<string, object?>>(json);
        }
        catch (JsonException)
        {
            // A model that writes broken JSON gets an empty call; the tool then names the missing arguments.
            arguments = [];
        }

        return new FunctionCallContent(id, name, arguments);
    }

    private static List<OpenAIChat.ChatMessage> ToOpenAI(IEnumerable<ChatMessage> messages)
    {
        var result = new List<OpenAIChat.ChatMessage>();
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                result.Add(new OpenAIChat.SystemChatMessage(message.Text));
            }
            else if (message.Role == ChatRole.User)
            {
                result.Add(new OpenAIChat.UserChatMessage(message.Text));
            }
            else if (message.Role == ChatRole.Tool)
            {
                foreach (var toolResult in message.Contents.OfType<FunctionResultContent>())
                {
                    result.Add(new OpenAIChat.ToolChatMessage(toolResult.CallId, toolResult.Result?.ToString() ?? ""));
                }
            }
            else
            {
                var calls = message.Contents.OfType<FunctionCallContent>()
                    .Select(c => OpenAIChat.ChatToolCall.CreateFunctionToolCall(
                        c.CallId, c.Name, BinaryData.FromString(JsonSerializer.Serialize(c.Arguments ?? new Dictionary<string, object?>()))))
                    .ToList();
                if (calls.Count > 0)
                {
                    result.Add(new OpenAIChat.AssistantChatMessage(calls));
                }
                else if (message.Text.Length > 0)
                {
                    result.Add(new OpenAIChat.AssistantChatMessage(message.Text));
                }
            }
        }

        return result;
    }

    private static OpenAIChat.ChatCompletionOptions ToOpenAI(ChatOptions? options)
    {
        var result = new OpenAIChat.ChatCompletionOptions();
        foreach (var function in options?.Tools?.OfType<AIFunctionDeclaration>() ?? [])
        {
            result.Tools.Add(OpenAIChat.ChatTool.CreateFunctionTool(
                function.Name, function.Description, BinaryData.FromString(function.JsonSchema.GetRawText())));
        }

        return result;
    }
}
