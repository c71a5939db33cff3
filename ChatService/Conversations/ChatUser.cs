using System.Security.Claims;
using ChatService.Options;
using McpAspire.ServiceDefaults.Authentication;

namespace ChatService.Conversations;

/// <summary>
/// The signed-in caller: their subject (owner of their conversations), the bearer token they came with (passed on to
/// McpResource, never stored) and whether that token was issued for McpResource too.
/// </summary>
public sealed record ChatUser(string Subject, string Token, bool TokenCoversTools)
{
    /// <summary>The authenticated caller of <paramref name="context"/>, or null when it has no subject or bearer token.</summary>
    public static ChatUser? From(HttpContext context, ChatServiceOptions options)
    {
        var subject = context.User.FindFirstValue(TokenIntrospectionResult.ClaimTypes.Subject);
        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (string.IsNullOrEmpty(subject) || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[scheme.Length..].Trim();
        var mcpResource = options.McpResourceUri!.ToString().TrimEnd('/');
        var audiences = context.User.FindAll(TokenIntrospectionResult.ClaimTypes.Audience).SelectMany(c => Audiences(c.Value));
        var coversTools = audiences.Any(a => string.Equals(a.TrimEnd('/'), mcpResource, StringComparison.Ordinal));
        return token.Length == 0 ? null : new ChatUser(subject, token, coversTools);
    }

    /// <summary>An <c>aud</c> claim value: one audience, several separated by spaces, or a JSON array of them.</summary>
    private static string[] Audiences(string value)
    {
        if (value.StartsWith('['))
        {
            try
            {
                return System.Text.Json.JsonSerializer.Deserialize<string[]>(value) ?? [];
            }
            catch (System.Text.Json.JsonException)
            {
                return [];
            }
        }

        return value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }
}
