namespace AuthServer.Data;

/// <summary>What a user allowed a client, remembered so the consent page is shown once per scope set.</summary>
public sealed class UserConsent
{
    public string UserId { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string Scopes { get; set; } = "";

    public DateTimeOffset GrantedAt { get; set; }
}
