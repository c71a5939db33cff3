using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatService.Apis;

/// <summary>The API's ProblemDetails answers.</summary>
public static class ChatProblems
{
    public static ProblemHttpResult ConversationNotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Conversation not found",
            detail: $"You have no conversation {id}.");

    public static ProblemHttpResult Unauthorized() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Authentication required",
            detail: "Send your access token as a Bearer token.");

    public static ProblemHttpResult ModelUnavailable(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The assistant is unavailable",
            detail: detail + " Your message was kept; send it again later.");

    public static ValidationProblem InvalidContent(string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["content"] = [message] }, title: "The message is not valid");

    public static ValidationProblem InvalidTitle(string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["title"] = [message] }, title: "The conversation is not valid");
}
