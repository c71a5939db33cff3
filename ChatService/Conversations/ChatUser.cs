using System.Security.Claims;
using ChatService.Options;

namespace ChatService.Conversations;

/// <summary>
/// The signed-in caller: their subject (owner of their conversations), the bearer token they came with (passed on to
/// McpResource, never stored) and whether that token was issued for McpResource too.
/// </summary>
public sealed record ChatUser(string Subject, string Token, bool TokenCoversTools)
{
    public const string SubjectClaim = "sub";
    public const string AudienceClaim = "aud";

    /// <summary>The authenticated caller of <paramref name="context"/>, or null when it has no subject or bearer token.</summary>
    public static ChatUser? From(HttpContext context, ChatServiceOptions options)
    {
        var subject = context.User.FindFirstValue(SubjectClaim);
        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (string.IsNullOrEmpty(subject) || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[scheme.Length..].Trim();
        var mcpResource = options.McpResourceUri!.ToString().TrimEnd('/');
        var audiences = context.User.FindAll(AudienceClaim).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var coversTools = audiences.Any(a => string.Equals(a.TrimEnd('/'), mcpResource, StringComparison.Ordinal));
        return token.Length == 0 ? null : new ChatUser(subject, token, coversTools);
    }
}
