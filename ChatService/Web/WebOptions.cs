using System.ComponentModel.DataAnnotations;

namespace ChatService.Web;

/// <summary>Section <c>ChatService:Web</c>: how the chat page signs users in at AuthServer (authorization code + PKCE).</summary>
public sealed class WebOptions
{
    public const string SectionName = "ChatService:Web";

    /// <summary>The public client registered for the page.</summary>
    [Required]
    public string ClientId { get; set; } = "chat-web";

    /// <summary>Scopes the page asks for; AuthServer grants what the user may have.</summary>
    [Required]
    public string Scopes { get; set; } = "openid profile mcp:read mcp:write";

    /// <summary>
    /// How long the page keeps a session it can renew with its refresh token (default one day, AuthServer's default
    /// refresh token lifetime); the access token inside is renewed as it expires.
    /// </summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The registered redirect URI; by default <c>/signin-callback</c> next to the API audience.</summary>
    public Uri? RedirectUri { get; set; }
}
