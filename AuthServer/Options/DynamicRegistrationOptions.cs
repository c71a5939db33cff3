namespace AuthServer.Options;

/// <summary>What dynamically registered clients (RFC 7591) may get.</summary>
public sealed class DynamicRegistrationOptions
{
    public bool Enabled { get; set; } = true;

    public List<string> Scopes { get; set; } = [];

    /// <summary>Names of resources dynamically registered clients may get tokens for.</summary>
    public List<string> Resources { get; set; } = [];
}
