namespace McpResource.Authorization;

/// <summary>Claim names of the principals the introspection handler builds (RFC 7662 member names).</summary>
public static class McpClaimTypes
{
    public const string Subject = "sub";
    public const string ClientId = "client_id";
    public const string Scope = "scope";
    public const string Username = "username";
}
