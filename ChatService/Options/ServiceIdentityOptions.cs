using System.ComponentModel.DataAnnotations;

namespace ChatService.Options;

/// <summary>
/// The service's own client at AuthServer, read from section <c>TokenValidation</c> (the same client introspects user
/// tokens and obtains client-credentials tokens for McpResource).
/// </summary>
public sealed class ServiceIdentityOptions
{
    public const string SectionName = "TokenValidation";

    /// <summary>The authorization server's issuer; its metadata is read from <c>{Issuer}/.well-known/oauth-authorization-server</c>.</summary>
    [Required]
    public Uri? Issuer { get; set; }

    /// <summary>This service's API audience (its canonical <c>/api</c> URI), as AuthServer puts it in user tokens.</summary>
    public Uri? Audience { get; set; }

    [Required]
    public string ClientId { get; set; } = "";

    [Required]
    public string ClientSecret { get; set; } = "";

    /// <summary>The token is renewed once this fraction of its lifetime has passed.</summary>
    [Range(0.1, 0.95)]
    public double RenewAfterLifetimeFraction { get; set; } = 0.8;
}
