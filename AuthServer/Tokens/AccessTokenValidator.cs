using AuthServer.Data;
using AuthServer.OAuth;
using AuthServer.Options;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Tokens;

/// <summary>
/// Checks one of this server's access tokens: signature by a published key, issuer, type at+jwt, lifetime, and
/// (one select by key) that it is not revoked.
/// </summary>
public sealed class AccessTokenValidator(SigningKeyStore keys, TokenLedger ledger, IOptions<AuthServerOptions> options)
{
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    /// <summary>The token if its signature, issuer, type and (optionally) lifetime are right; otherwise null.</summary>
    public async Task<JsonWebToken?> ValidateSignatureAsync(string token, bool checkLifetime)
    {
        if (token.Length > 8192 || token.Count(c => c == '.') != 2)
        {
            return null;
        }

        var result = await Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = options.Value.Issuer,
            ValidateAudience = false,
            ValidateLifetime = checkLifetime,
            ClockSkew = TimeSpan.Zero,
            IssuerSigningKeys = keys.ValidationKeys,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ValidTypes = [TokenTypes.AccessTokenJwt],
        });
        return result.IsValid ? (JsonWebToken)result.SecurityToken : null;
    }

    /// <summary>The token if it is active: valid and not revoked.</summary>
    public async Task<JsonWebToken?> ValidateActiveAsync(string token, CancellationToken cancellationToken)
    {
        var jwt = await ValidateSignatureAsync(token, checkLifetime: true);
        if (jwt is null || !jwt.TryGetPayloadValue<string>(OAuthClaims.JwtId, out var jti) || string.IsNullOrEmpty(jti))
        {
            return null;
        }

        return await ledger.IsRevokedAsync(jti, cancellationToken) ? null : jwt;
    }
}
