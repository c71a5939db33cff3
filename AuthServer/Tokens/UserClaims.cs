using AuthServer.Data;
using AuthServer.OAuth;

namespace AuthServer.Tokens;

/// <summary>The OpenID Connect claims a user's scopes release (ID token and userinfo).</summary>
public static class UserClaims
{
    public static Dictionary<string, object> For(AuthUser user, IReadOnlyCollection<string> scopes)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal);
        if (scopes.Contains(Scopes.Profile) && user.UserName is not null)
        {
            claims[OAuthClaims.PreferredUsername] = user.UserName;
            claims[OAuthClaims.Name] = user.UserName;
        }

        if (scopes.Contains(Scopes.Email) && user.Email is not null)
        {
            claims[OAuthClaims.Email] = user.Email;
            claims[OAuthClaims.EmailVerified] = user.EmailConfirmed;
        }

        return claims;
    }
}
