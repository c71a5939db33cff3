using AuthServer.OAuth;

namespace AuthServer.Endpoints.Grants;

/// <summary>What a grant handler answers: tokens or an error.</summary>
public readonly record struct GrantResult(TokenResponse? Response, OAuthError? Error)
{
    public static implicit operator GrantResult(TokenResponse response) => new(response, null);

    public static implicit operator GrantResult(OAuthError error) => new(null, error);
}
