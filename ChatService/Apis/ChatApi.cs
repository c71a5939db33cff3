using ChatService.Agent;
using ChatService.Apis.Contracts;
using ChatService.Conversations;
using ChatService.Data;
using McpAspire.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatService.Apis;

/// <summary>
/// The chat API (/api/chat): the caller's conversations and the assistant's replies. Every route needs the user's
/// bearer token; a conversation of another user is answered exactly like one that does not exist (404).
/// </summary>
public static class ChatApi
{
    private const int ListLimit = 100;

    public static RouteGroupBuilder MapChatApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/chat").RequireAuthorization().WithTags("Chat")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/me", Me);
        api.MapPost("/conversations", CreateConversationAsync);
        api.MapGet("/conversations", ListConversationsAsync);
        api.MapGet("/conversations/{id:guid}", GetConversationAsync);
        api.MapDelete("/conversations/{id:guid}", DeleteConversationAsync);
        api.MapPost("/conversations/{id:guid}/messages", SendMessageAsync);
        api.MapPost("/conversations/{id:guid}/messages/stream", StreamMessageAsync)
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        return api;
    }

    /// <summary>Who the token belongs to, for the page's header.</summary>
    public static Results<Ok<UserView>, ProblemHttpResult> Me(HttpContext context, [AsParameters] ChatApiServices services) =>
        ChatUser.From(context, services.Options.Value) is { } user
            ? TypedResults.Ok(new UserView(user.Subject, context.User.FindFirst(TokenIntrospectionResult.ClaimTypes.Username)?.Value,
                context.User.FindFirst(TokenIntrospectionResult.ClaimTypes.Scope)?.Value?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [], user.TokenCoversTools))
            : ChatProblems.Unauthorized();

    public static async Task<Results<Created<ConversationSummary>, ValidationProblem, ProblemHttpResult>> CreateConversationAsync(
        CreateConversationRequest? request, HttpContext context, [AsParameters] ChatApiServices services)
    {
        if (ChatUser.From(context, services.Options.Value) is not { } user)
        {
            return ChatProblems.Unauthorized();
        }

        if (request?.Title is { Length: > ChatLimits.TitleMaxLength })
        {
            return ChatProblems.InvalidTitle($"The title must be at most {ChatLimits.TitleMaxLength} characters.");
        }

        var conversation = await services.Store.CreateAsync(user.Subject, request?.Title, context.RequestAborted);
        return TypedResults.Created($"/api/chat/conversations/{conversation.Id}", ConversationSummary.From(conversation));
    }

    public static async Task<Results<Ok<List<ConversationSummary>>, ProblemHttpResult>> ListConversationsAsync(
        HttpContext context, [AsParameters] ChatApiServices services)
    {
        if (ChatUser.From(context, services.Options.Value) is not { } user)
        {
            return ChatProblems.Unauthorized();
        }

        var conversations = await services.Store.ListAsync(user.Subject, ListLimit, context.RequestAborted);
        return TypedResults.Ok(conversations.Select(ConversationSummary.From).ToList());
    }

    public static async Task<Results<Ok<ConversationDetail>, ProblemHttpResult>> GetConversationAsync(
        Guid id, HttpContext context, [AsParameters] ChatApiServices services)
    {
        if (ChatUser.From(context, services.Options.Value) is not { } user)
        {
            return ChatProblems.Unauthorized();
        }

        if (await services.Store.FindAsync(id, user.Subject, context.RequestAborted) is not { } conversation)
        {
            return ChatProblems.ConversationNotFound(id);
        }

        var messages = await services.Store.MessagesAsync(id, context.RequestAborted);
        return TypedResults.Ok(new ConversationDetail(conversation.Id, conversation.Title, conversation.CreatedAt, conversation.UpdatedAt,
            [.. messages.Select(MessageView.From)]));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteConversationAsync(
        Guid id, HttpContext context, [AsParameters] ChatApiServices services)
    {
        if (ChatUser.From(context, services.Options.Value) is not { } user)
        {
            return ChatProblems.Unauthorized();
        }

        return await services.Store.DeleteAsync(id, user.Subject, context.RequestAborted)
            ? TypedResults.NoContent()
            : ChatProblems.ConversationNotFound(id);
    }

    public static async Task<Results<Ok<MessageReply>, ValidationProblem, ProblemHttpResult>> SendMessageAsync(
        Guid id, SendMessageRequest? request, HttpContext context, [AsParameters] ChatApiServices services)
    {
        var start = await StartTurnAsync(id, request, context, services);
        if (start.Turn is not { } turn)
        {
            return start.Failure switch
            {
                ValidationProblem invalid => invalid,
                _ => (ProblemHttpResult)start.Failure!,
            };
        }

        await using (turn)
        {
            AgentReply? reply = null;
            try
            {
                await foreach (var agentEvent in turn.RunAsync(context.RequestAborted))
                {
                    reply = (agentEvent as ReplyCompleted)?.Reply ?? reply;
                }
            }
            catch (Exception ex) when (IsModelFailure(ex, context))
            {
                return ChatProblems.ModelUnavailable(ex.Message);
            }

            var saved = await turn.SaveReplyAsync(reply!, context.RequestAborted);
            return TypedResults.Ok(MessageReply.From(saved));
        }
    }

    public static async Task<Results<ReplyStreamResult, ValidationProblem, ProblemHttpResult>> StreamMessageAsync(
        Guid id, SendMessageRequest? request, HttpContext context, [AsParameters] ChatApiServices services)
    {
        var start = await StartTurnAsync(id, request, context, services);
        return start.Failure switch
        {
            null => new ReplyStreamResult(start.Turn!),
            ValidationProblem invalid => invalid,
            _ => (ProblemHttpResult)start.Failure,
        };
    }

    /// <summary>A model that failed or ran out of time (not a client that went away) means 503.</summary>
    public static bool IsModelFailure(Exception ex, HttpContext context) =>
        ex is ModelUnavailableException || ex is OperationCanceledException && !context.RequestAborted.IsCancellationRequested;

    private static async Task<TurnStart> StartTurnAsync(Guid id, SendMessageRequest? request, HttpContext context, ChatApiServices services)
    {
        if (ChatUser.From(context, services.Options.Value) is not { } user)
        {
            return new TurnStart(null, ChatProblems.Unauthorized());
        }

        var content = request?.Content?.Trim();
        if (string.IsNullOrEmpty(content))
        {
            return new TurnStart(null, ChatProblems.InvalidContent("The message must not be empty."));
        }

        if (content.Length > ChatLimits.MessageMaxLength)
        {
            return new TurnStart(null, ChatProblems.InvalidContent($"The message must be at most {ChatLimits.MessageMaxLength} characters."));
        }

        if (await services.Store.FindAsync(id, user.Subject, context.RequestAborted) is not { } conversation)
        {
            return new TurnStart(null, ChatProblems.ConversationNotFound(id));
        }

        return new TurnStart(await services.Turns.BeginAsync(conversation, user, content, context.RequestAborted), null);
    }

    private sealed record TurnStart(ConversationTurn? Turn, IResult? Failure);
}
