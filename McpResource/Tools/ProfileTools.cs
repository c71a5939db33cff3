using System.ComponentModel;
using McpResource.Authorization;
using ModelContextProtocol.Server;

namespace McpResource.Tools;

/// <summary>Who the caller is, as this server sees it.</summary>
[McpServerToolType]
public sealed class ProfileTools(CallerContext callerContext)
{
    [McpServerTool(Name = "get_user_profile", Title = "My profile", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Returns the user the call acts for, the client that made it and the scopes in effect.")]
    [ToolScope(McpScopes.Read)]
    public UserProfile GetUserProfile()
    {
        var caller = callerContext.Caller;
        return new UserProfile(
            caller.Subject,
            caller.Username,
            caller.ClientId,
            [.. caller.Scopes.Order(StringComparer.Ordinal)],
            caller.IsAdmin,
            caller.ViaUserToken ? "user token passed on by the client" : "the access token's own subject");
    }
}
