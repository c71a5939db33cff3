using System.Text;
using McpResource.Options;
using Microsoft.Extensions.Options;

namespace McpResource.Authorization;

/// <summary>RFC 6750 / RFC 9728 challenges of the MCP endpoint, and the 503 when a token cannot be checked.</summary>
public sealed class McpChallenges(IOptions<ProtectedResourceOptions> options)
{
    private readonly string _metadataUrl = options.Value.MetadataUrl;

    /// <summary>401: no token, or a token that was refused (then <paramref name="error"/> is "invalid_token").</summary>
    public Task UnauthorizedAsync(HttpContext context, IEnumerable<string> scopes, string? error, string? description)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = Bearer(error, description, scopes);
        return Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Authentication required",
            detail: description ?? "Send an access token for this resource in the Authorization header.").ExecuteAsync(context);
    }

    /// <summary>403 insufficient_scope naming every scope the call needs, so the client can step up.</summary>
    public Task InsufficientScopeAsync(HttpContext context, IReadOnlyList<string> neededScopes, string toolName)
    {
        var description = $"Calling '{toolName}' needs the scopes: {string.Join(' ', neededScopes)}.";
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.Headers.WWWAuthenticate = Bearer("insufficient_scope", description, neededScopes);
        return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Insufficient scope", detail: description)
            .ExecuteAsync(context);
    }

    /// <summary>403 for a client acting alone on a tool that acts on a user's data: no scope would help.</summary>
    public static Task UserRequiredAsync(HttpContext context, string toolName) =>
        Results.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "A user is required",
            detail: $"'{toolName}' acts on a user's data: call it with a user's token, or pass the user's token in {McpHeaders.UserToken}.")
            .ExecuteAsync(context);

    /// <summary>503 when the authorization server cannot be reached for a token that is not cached.</summary>
    public static Task UnavailableAsync(HttpContext context, string? description)
    {
        context.Response.Headers.RetryAfter = "5";
        return Results.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Token validation unavailable",
            detail: description ?? "The authorization server is unreachable; try again shortly.").ExecuteAsync(context);
    }

    private string Bearer(string? error, string? description, IEnumerable<string> scopes)
    {
        var value = new StringBuilder("Bearer ");
        if (error is not null)
        {
            value.Append("error=\"").Append(error).Append("\", ");
            if (description is not null)
            {
                value.Append("error_description=\"").Append(Quote(description)).Append("\", ");
            }
        }

        value.Append("resource_metadata=\"").Append(_metadataUrl).Append('"');
        var scope = string.Join(' ', scopes);
        if (scope.Length > 0)
        {
            value.Append(", scope=\"").Append(scope).Append('"');
        }

        return value.ToString();
    }

    // RFC 6750 §3: error_description is limited to printable ASCII without '"' and '\'.
    private static string Quote(string text)
    {
        var chars = text.Select(c => c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '\'').ToArray();
        return new string(chars);
    }
}
