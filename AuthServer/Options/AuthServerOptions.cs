namespace AuthServer.Options;

/// <summary>The <c>AuthServer</c> configuration section.</summary>
public sealed class AuthServerOptions
{
    public const string SectionName = "AuthServer";

    /// <summary>The public base URL, no trailing slash; the metadata <c>issuer</c> and every token's <c>iss</c>.</summary>
    public string Issuer { get; set; } = "";

    /// <summary>Protected resources by name (RFC 8707): canonical URI and the scopes that belong to it.</summary>
    public Dictionary<string, ResourceOptions> Resources { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Clients seeded at start by client_id.</summary>
    public Dictionary<string, SeededClientOptions> Clients { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Users seeded at start (Development and tests only).</summary>
    public List<TestUserOptions> TestUsers { get; set; } = [];

    public TokenLifetimeOptions Lifetimes { get; set; } = new();

    public DynamicRegistrationOptions DynamicRegistration { get; set; } = new();

    public SigningKeyOptions SigningKeys { get; set; } = new();

    /// <summary>Rate limits by policy name (token, introspect, register, login).</summary>
    public Dictionary<string, RateLimitOptions> RateLimits { get; set; } = new(StringComparer.Ordinal);
}
