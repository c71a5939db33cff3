namespace AuthServer.Data;

/// <summary>A registered OAuth client, seeded or dynamically registered.</summary>
public sealed class ClientApplication
{
    public string ClientId { get; set; } = "";

    public string DisplayName { get; set; } = "";

    /// <summary><c>public</c> or <c>confidential</c>.</summary>
    public string ClientType { get; set; } = "";

    public string TokenEndpointAuthMethod { get; set; } = "";

    /// <summary>SHA-256 digest of the secret (base64url); null for public clients.</summary>
    public string? SecretHash { get; set; }

    public string ApplicationType { get; set; } = "web";

    public string? ClientUri { get; set; }

    public List<string> RedirectUris { get; set; } = [];

    public List<string> GrantTypes { get; set; } = [];

    public List<string> ResponseTypes { get; set; } = [];

    public List<string> Scopes { get; set; } = [];

    /// <summary>Names of the resources this client may get tokens for.</summary>
    public List<string> Resources { get; set; } = [];

    public bool CanIntrospect { get; set; }

    public bool RequireConsent { get; set; } = true;

    public bool IsDynamic { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
