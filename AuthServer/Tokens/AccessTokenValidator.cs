using System.Buffers;
using System.Text;
using AuthServer.Data;
using AuthServer.OAuth;
using AuthServer.Options;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Tokens;

/// <summary>
/// Checks one of this server's access tokens: JWS compact form, header typ at+jwt and alg ES256, signature by the
/// published key its kid names, issuer, lifetime, and (one select by key) that it is not revoked. Done directly
/// rather than through a full validation pipeline: introspection runs it on every call.
/// </summary>
public sealed class AccessTokenValidator(SigningKeyStore keys, TokenLedger ledger, IOptions<AuthServerOptions> options, TimeProvider time)
{
    private const int MaxTokenLength = 8192;

    /// <summary>The token if its signature, issuer, type and (optionally) lifetime are right; otherwise null.</summary>
    public JsonWebToken? ValidateSignature(string token, bool checkLifetime)
    {
        if (token.Length > MaxTokenLength)
        {
            return null;
        }

        var firstDot = token.IndexOf('.', StringComparison.Ordinal);
        var lastDot = token.LastIndexOf('.');
        if (firstDot <= 0 || lastDot == firstDot || token.IndexOf('.', firstDot + 1) != lastDot || lastDot == token.Length - 1)
        {
            return null;
        }

        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException or FormatException)
        {
            return null;
        }

        if (jwt.Alg != SecurityAlgorithms.EcdsaSha256
            || !(string.Equals(jwt.Typ, TokenTypes.AccessTokenJwt, StringComparison.OrdinalIgnoreCase)
                 || string.Equals(jwt.Typ, "application/" + TokenTypes.AccessTokenJwt, StringComparison.OrdinalIgnoreCase))
            || keys.FindValidationKey(jwt.Kid) is not { } key
            || !SignatureMatches(token, lastDot, key)
            || !string.Equals(jwt.Issuer, options.Value.Issuer, StringComparison.Ordinal))
        {
            return null;
        }

        if (checkLifetime)
        {
            var now = time.GetUtcNow().UtcDateTime;
            if (jwt.ValidTo <= now || (jwt.ValidFrom != DateTime.MinValue && jwt.ValidFrom > now))
            {
                return null;
            }
        }

        return jwt;
    }

    /// <summary>The token if it is active: valid and not revoked.</summary>
    public async Task<JsonWebToken?> ValidateActiveAsync(string token, CancellationToken cancellationToken)
    {
        var jwt = ValidateSignature(token, checkLifetime: true);
        if (jwt is null || !jwt.TryGetPayloadValue<string>(OAuthClaims.JwtId, out var jti) || string.IsNullOrEmpty(jti))
        {
            return null;
        }

        return await ledger.IsRevokedAsync(jti, cancellationToken) ? null : jwt;
    }

    private static bool SignatureMatches(string token, int lastDot, SecurityKey key)
    {
        byte[] signature;
        try
        {
            signature = Base64UrlEncoder.DecodeBytes(token[(lastDot + 1)..]);
        }
        catch (FormatException)
        {
            return false;
        }

        if (signature.Length != 64)
        {
            return false;
        }

        var signed = ArrayPool<byte>.Shared.Rent(lastDot);
        var factory = CryptoProviderFactory.Default;
        var provider = factory.CreateForVerifying(key, SecurityAlgorithms.EcdsaSha256);
        try
        {
            var length = Encoding.ASCII.GetBytes(token.AsSpan(0, lastDot), signed);
            return provider.Verify(signed, 0, length, signature, 0, signature.Length);
        }
        finally
        {
            factory.ReleaseSignatureProvider(provider);
            ArrayPool<byte>.Shared.Return(signed);
        }
    }
}
