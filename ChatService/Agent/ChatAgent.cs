using System.Diagnostics;
using System.Runtime.CompilerServices;
using ChatService.Options;
using ChatService.Telemetry;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace ChatService.Agent;

/// <summary>
/// The tool-calling loop: the model answers or asks for tool calls; the calls run through McpResource as the user and
/// their results go back to the model, until it answers. Bounded in model calls and in time; a failing tool is a
/// result the model reads, a failing model is a <see cref="ModelUnavailableException"/>.
/// </summary>
public sealed class ChatAgent(
    IChatClient chatClient,
    ToolInvoker invoker,
    IOptions<AgentOptions> options,
    ChatTelemetry telemetry,
    TimeProvider time)
{
    public async IAsyncEnumerable<AgentEvent> RunAsync(AgentRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var started = time.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.Timeout);

        var toolsAvailable = request.Tools is not null;
        List<ChatMessage> messages =
        [
            new(ChatRole.System, SystemPrompt.For(toolsAvailable, request.ToolsUnavailableReason)),
            .. request.History,
            new(ChatRole.User, request.UserText),
        ];
        var chatOptions = new ChatOptions
        {
            Tools = toolsAvailable ? [.. request.Tools!.Tools] : null,
            ToolMode = toolsAvailable ? ChatToolMode.Auto : null,
        };

        var runs = new List<ToolRun>();
        var answer = "";
        for (var iteration = 1; iteration <= settings.MaxIterations; iteration++)
        {
            if (iteration == settings.MaxIterations)
            {
                // The last model call gets no tools, so it has to answer with what it has.
                chatOptions.Tools = null;
                chatOptions.ToolMode = null;
            }

            var updates = new List<ChatResponseUpdate>();
            using (var modelCall = ChatTelemetry.Source.StartActivity("chat model"))
            {
                modelCall?.SetTag("gen_ai.operation.name", "chat");
                modelCall?.SetTag("chat.iteration", iteration);
                await using var stream = chatClient.GetStreamingResponseAsync(messages, chatOptions, deadline.Token)
                    .GetAsyncEnumerator(deadline.Token);
                while (await NextAsync(stream, settings.Timeout, cancellationToken))
                {
                    updates.Add(stream.Current);
                    if (stream.Current.Text is { Length: > 0 } delta)
                    {
                        yield return new TextDelta(delta);
                    }
                }
            }

            var response = updates.ToChatResponse();
            messages.AddMessages(response);
            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (calls.Count == 0 || chatOptions.Tools is null)
            {
                answer = response.Text;
                break;
            }

            var results = new List<AIContent>();
            foreach (var call in calls)
            {
                yield return new ToolStarted(call.Name);
                ToolRun run;
                try
                {
                    run = await invoker.InvokeAsync(request.Tools, call, deadline.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new ModelUnavailableException($"The reply took longer than {settings.Timeout.TotalSeconds:0} s.");
                }

                runs.Add(run);
                results.Add(new FunctionResultContent(call.CallId, run));
                yield return new ToolFinished(call.Name, run.Outcome);
            }

            messages.Add(new ChatMessage(ChatRole.Tool, results));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var details = ReplyDetailsBuilder.Build(request.UserText, runs, toolsAvailable);
        telemetry.RecordReply(time.GetElapsedTime(started), settings.Provider);
        yield return new ReplyCompleted(new AgentReply(answer.Trim(), details, runs));
    }

    /// <summary>Moves the model's stream on; any failure of the model (or its time running out) is a <see cref="ModelUnavailableException"/>.</summary>
    private static async ValueTask<bool> NextAsync(IAsyncEnumerator<ChatResponseUpdate> stream, TimeSpan timeout, CancellationToken caller)
    {
        try
        {
            return await stream.MoveNextAsync();
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested)
        {
            throw new ModelUnavailableException($"The reply took longer than {timeout.TotalSeconds:0} s.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ModelUnavailableException)
        {
            Activity.Current?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw new ModelUnavailableException("The model endpoint failed to answer.", ex);
        }
    }
}
