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

    /// <summary>The registered redirect URI; by default <c>/signin-callback</c> next to the API audience.</summary>
    public Uri? RedirectUri { get; set; }
}
