namespace AuthServer.Tests.Infrastructure;

/// <summary>The configuration the AppHost would give AuthServer, with values for tests.</summary>
public static class TestSettings
{
    public const string Issuer = "http://localhost";
    public const string McpResourceUri = "http://127.0.0.1:5901/mcp";
    public const string ChatServiceUri = "http://127.0.0.1:5902/api";
    public const string ChatWebRedirectUri = "http://127.0.0.1:5902/signin-callback";
    public const string McpResourceSecret = "mcp-resource-test-secret-0123456789abcdef";
    public const string ChatServiceSecret = "chat-service-test-secret-0123456789abcdef";

    public static Dictionary<string, string?> For(string authDb, string cache) => new()
    {
        ["ConnectionStrings:authdb"] = authDb,
        ["ConnectionStrings:cache"] = cache,
        ["AuthServer:Issuer"] = Issuer,
        ["AuthServer:Resources:mcp-resource:Uri"] = McpResourceUri,
        ["AuthServer:Resources:chat-service:Uri"] = ChatServiceUri,
        ["AuthServer:Clients:mcp-resource:ClientSecret"] = McpResourceSecret,
        ["AuthServer:Clients:chat-service:ClientSecret"] = ChatServiceSecret,
        ["AuthServer:Clients:chat-web:RedirectUris:0"] = ChatWebRedirectUri,
        ["AuthServer:RateLimits:token:PermitLimit"] = "100000",
        ["AuthServer:RateLimits:introspect:PermitLimit"] = "100000",
        ["AuthServer:RateLimits:register:PermitLimit"] = "100000",
        ["AuthServer:RateLimits:login:PermitLimit"] = "100000",
        ["Logging:LogLevel:Default"] = "Warning",
    };
}
