using System.ComponentModel.DataAnnotations;

namespace McpResource.Options;

/// <summary>
/// This resource's identity, read from the shared <c>TokenValidation</c> section (the introspection handler reads
/// the same section): the issuer it trusts and its canonical resource URI.
/// </summary>
public sealed class ProtectedResourceOptions
{
    public const string SectionName = "TokenValidation";

    /// <summary>The authorization server's issuer, exactly as its metadata spells it.</summary>
    [Required]
    public string Issuer { get; set; } = "";

    /// <summary>This server's canonical resource URI, <c>&lt;base&gt;/mcp</c>: the RFC 9728 <c>resource</c> and the required <c>aud</c>.</summary>
    [Required]
    public string Audience { get; set; } = "";

    /// <summary>The RFC 9728 metadata URL for <see cref="Audience"/> (well-known segment inserted before the path).</summary>
    public string MetadataUrl
    {
        get
        {
            var resource = new Uri(Audience);
            var path = resource.AbsolutePath.TrimEnd('/');
            return $"{resource.GetLeftPart(UriPartial.Authority)}/.well-known/oauth-protected-resource{path}";
        }
    }
}
