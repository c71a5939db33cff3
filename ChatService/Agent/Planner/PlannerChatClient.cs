using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace ChatService.Agent.Planner;

/// <summary>
/// The built-in model: deterministic, offline. For a new user message it asks for the one tool call that
/// <see cref="RequestParser"/> maps the message to; once the result is back it writes the answer from it
/// (<see cref="AnswerWriter"/>). A message it does not understand gets the list of what it understands.
/// </summary>
public sealed class PlannerChatClient : IChatClient
{
    private static readonly ChatClientMetadata Metadata = new("mcpaspire-planner", defaultModelId: "builtin");

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var history = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        return Task.FromResult(new ChatResponse(Respond(history, options)) { ModelId = "builtin" });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        var message = response.Messages[0];
        var calls = message.Contents.OfType<FunctionCallContent>().ToList();
        if (calls.Count > 0)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, [.. calls]) { MessageId = message.MessageId };
            yield break;
        }

        // The answer in word-sized pieces, so a page can show it as it forms.
        var text = message.Text;
        var start = 0;
        while (start < text.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var next = text.IndexOf(' ', Math.Min(start + 24, text.Length - 1));
            var end = next < 0 ? text.Length : next + 1;
            yield return new ChatResponseUpdate(ChatRole.Assistant, text[start..end]) { MessageId = message.MessageId };
            start = end;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? Metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }

    private static ChatMessage Respond(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var lastUser = LastIndex(messages, ChatRole.User);
        var userText = lastUser < 0 ? "" : messages[lastUser].Text;
        var plan = RequestParser.Parse(userText);

        // Results of the calls made for this message: answer from them.
        var results = messages.Skip(lastUser + 1).SelectMany(m => m.Contents).OfType<FunctionResultContent>().ToList();
        if (results.Count > 0)
        {
            var answers = results.Select(r => r.Result is ToolRun run
                ? AnswerWriter.Write(run, plan?.Action ?? "do that")
                : r.Result?.ToString() ?? "");
            return Answer(string.Join("\n\n", answers));
        }

        if (plan is null)
        {
            return Answer(AnswerWriter.Capabilities);
        }

        if (plan.Tool == "create_ticket" && !plan.Arguments.ContainsKey("title"))
        {
            return Answer("What should the ticket say? For example: \"Create a ticket titled VPN drops every hour\".");
        }

        if (options?.Tools is not { Count: > 0 })
        {
            return Answer(AnswerWriter.Unavailable(plan.Action));
        }

        var callId = "call_" + Guid.NewGuid().ToString("N")[..12];
        return new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(callId, plan.Tool, plan.Arguments.ToDictionary())]);
    }

    private static ChatMessage Answer(string text) => new(ChatRole.Assistant, text);

    private static int LastIndex(IReadOnlyList<ChatMessage> messages, ChatRole role)
    {
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i].Role == role)
            {
                return i;
            }
        }

        return -1;
    }
}
