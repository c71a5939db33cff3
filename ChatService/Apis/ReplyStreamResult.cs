using System.Text.Json;
using ChatService.Agent;
using ChatService.Apis.Contracts;
using ChatService.Conversations;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ChatService.Apis;

/// <summary>
/// The reply as server-sent events while it forms: <c>tool</c> (a tool call starts or ends), <c>delta</c> (reply
/// text), then <c>done</c> with the stored reply, or <c>error</c> (a ProblemDetails) if the model fails after the
/// stream began. A model that fails before anything was sent gets a plain 503 ProblemDetails instead.
/// </summary>
public sealed class ReplyStreamResult(ConversationTurn turn) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var json = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var aborted = httpContext.RequestAborted;
        var response = httpContext.Response;
        var started = false;

        async Task WriteAsync(string eventName, object data)
        {
            if (!started)
            {
                started = true;
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = "text/event-stream";
                response.Headers.CacheControl = "no-cache, no-store";
                response.Headers["X-Accel-Buffering"] = "no";
            }

            await response.WriteAsync($"event: {eventName}\ndata: {JsonSerializer.Serialize(data, json)}\n\n", aborted);
            await response.Body.FlushAsync(aborted);
        }

        await using (turn)
        {
            AgentReply? reply = null;
            try
            {
                await foreach (var agentEvent in turn.RunAsync(aborted))
                {
                    switch (agentEvent)
                    {
                        case ToolStarted tool:
                            await WriteAsync("tool", new { name = tool.Tool, status = "started" });
                            break;
                        case ToolFinished tool:
                            await WriteAsync("tool", new { name = tool.Tool, status = tool.Outcome });
                            break;
                        case TextDelta delta:
                            await WriteAsync("delta", new { text = delta.Text });
                            break;
                        case ReplyCompleted completed:
                            reply = completed.Reply;
                            break;
                    }
                }
            }
            catch (Exception ex) when (ChatApi.IsModelFailure(ex, httpContext))
            {
                var problem = ChatProblems.ModelUnavailable(ex.Message);
                if (!started)
                {
                    await problem.ExecuteAsync(httpContext);
                    return;
                }

                await WriteAsync("error", problem.ProblemDetails);
                return;
            }

            var saved = await turn.SaveReplyAsync(reply!, aborted);
            await WriteAsync("done", MessageReply.From(saved));
        }
    }
}
