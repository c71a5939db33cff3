using System.Security.Claims;

namespace McpResource.Tests.Infrastructure;

/// <summary>
/// Fixed bearer tokens for in-process tests, standing in for the introspection handler (owned elsewhere):
/// each maps to the claims that handler would put on the principal.
/// </summary>
public static class TestTokens
{
    public const string Alice = "alice-token";
    public const string Bob = "bob-token";
    public const string Admin = "admin-token";
    public const string AliceReadOnly = "alice-read-token";
    public const string NoMcpScopes = "openid-only-token";
    public const string Service = "chat-service-token";
    public const string ServiceReadOnly = "chat-service-read-token";
    public const string Unreachable = "token-the-as-cannot-check";

    public const string AliceSub = "sub-alice";
    public const string BobSub = "sub-bob";
    public const string AdminSub = "sub-admin";

    private static readonly Dictionary<string, (string Sub, string? Username, string ClientId, string Scope)> Known = new()
    {
        [Alice] = (AliceSub, "alice", "chat-web", "openid mcp:read mcp:write"),
        [AliceReadOnly] = (AliceSub, "alice", "chat-web", "mcp:read"),
        [Bob] = (BobSub, "bob", "chat-web", "openid mcp:read"),
        [Admin] = (AdminSub, "admin", "chat-web", "mcp:read mcp:write mcp:admin"),
        [NoMcpScopes] = (AliceSub, "alice", "chat-web", "openid"),
        [Service] = ("chat-service", null, "chat-service", "mcp:read mcp:write mcp:tools mcp:admin"),
        [ServiceReadOnly] = ("chat-service", null, "chat-service", "mcp:read"),
    };

    public static ClaimsPrincipal? Principal(string token, string scheme)
    {
        if (!Known.TryGetValue(token, out var claims))
        {
            return null;
        }

        List<Claim> list =
        [
            new("sub", claims.Sub),
            new("client_id", claims.ClientId),
            new("scope", claims.Scope),
        ];
        if (claims.Username is not null)
        {
            list.Add(new Claim("username", claims.Username));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(list, scheme, "sub", "role"));
    }
}
