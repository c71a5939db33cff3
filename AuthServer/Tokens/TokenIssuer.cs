using AuthServer.OAuth;
using AuthServer.Options;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Tokens;

/// <summary>Signs RFC 9068 access tokens (typ at+jwt) and OpenID Connect ID tokens with the current ES256 key.</summary>
public sealed class TokenIssuer(SigningKeyStore keys, IOptions<AuthServerOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public TimeSpan AccessTokenLifetime => options.Value.Lifetimes.AccessToken;

    public IssuedAccessToken CreateAccessToken(AccessTokenDescriptor descriptor)
    {
        var now = time.GetUtcNow();
        var expires = now + options.Value.Lifetimes.AccessToken;
        var jti = SecretHasher.NewJwtId();
        var claims = new Dictionary<string, object>(10, StringComparer.Ordinal)
        {
            [OAuthClaims.Subject] = descriptor.Subject,
            [OAuthClaims.Audience] = descriptor.Audiences.Count == 1 ? descriptor.Audiences[0] : descriptor.Audiences.ToArray(),
            [OAuthClaims.ClientId] = descriptor.ClientId,
            [OAuthClaims.JwtId] = jti,
        };
        if (descriptor.Scopes.Count > 0)
        {
            claims[OAuthClaims.Scope] = Scopes.Join(descriptor.Scopes);
        }

        if (descriptor.Username is not null)
        {
            claims[OAuthClaims.Username] = descriptor.Username;
        }

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            TokenType = TokenTypes.AccessTokenJwt,
            SigningCredentials = keys.Current.Credentials,
        });
        return new IssuedAccessToken(token, jti, now, expires);
    }

    public string CreateIdToken(string clientId, string subject, IReadOnlyDictionary<string, object> userClaims, string? nonce, DateTimeOffset authTime)
    {
        var now = time.GetUtcNow();
        var claims = new Dictionary<string, object>(userClaims, StringComparer.Ordinal)
        {
            [OAuthClaims.Subject] = subject,
            [OAuthClaims.Audience] = clientId,
            [OAuthClaims.AuthTime] = authTime.ToUnixTimeSeconds(),
        };
        if (nonce is not null)
        {
            claims[OAuthClaims.Nonce] = nonce;
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            Expires = (now + options.Value.Lifetimes.IdToken).UtcDateTime,
            TokenType = "JWT",
            SigningCredentials = keys.Current.Credentials,
        });
    }
}
