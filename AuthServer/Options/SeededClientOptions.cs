namespace AuthServer.Options;

/// <summary>A client registered from configuration at start.</summary>
public sealed class SeededClientOptions
{
    public string DisplayName { get; set; } = "";

    /// <summary><c>public</c> or <c>confidential</c>.</summary>
    public string Type { get; set; } = "confidential";

    /// <summary>Secret of a confidential client; stored only as its SHA-256 digest.</summary>
    public string? ClientSecret { get; set; }

    public List<string> RedirectUris { get; set; } = [];

    public List<string> GrantTypes { get; set; } = [];

    public List<string> Scopes { get; set; } = [];

    /// <summary>Names of the resources (keys of <c>AuthServer:Resources</c>) this client may get tokens for.</summary>
    public List<string> Resources { get; set; } = [];

    public bool CanIntrospect { get; set; }

    /// <summary>First-party clients may skip the consent page.</summary>
    public bool RequireConsent { get; set; } = true;
}
