using System.Web;

namespace McpAspire.Testing.OAuth;

/// <summary>What the authorization server sent back to the client's redirect URI.</summary>
public sealed record AuthorizationCallback(Uri Location, string? Code, string? State, string? Issuer, string? Error, string? ErrorDescription)
{
    public static AuthorizationCallback From(Uri location)
    {
        var query = HttpUtility.ParseQueryString(location.Query);
        return new AuthorizationCallback(location, query["code"], query["state"], query["iss"], query["error"], query["error_description"]);
    }
}
