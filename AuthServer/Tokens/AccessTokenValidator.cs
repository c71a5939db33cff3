using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using AuthServer.Data;
using AuthServer.OAuth;
using AuthServer.Options;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Tokens;

/// <summary>
/// Checks one of this server's access tokens: JWS compact form, header typ at+jwt and alg ES256, signature by the
/// published key its kid names, issuer, lifetime, and (one select by key) that it is not revoked. Done directly
/// rather than through a full validation pipeline: introspection runs it on every call.
/// <para>
/// Introspection remembers, by the SHA-256 digest of the whole compact token, what a token that passed those checks
/// carries (at most <see cref="MaxRemembered"/> tokens, each until it expires or for <see cref="RememberFor"/>), so
/// asking again about the same token skips the parse and the ES256 verification, most of a call's CPU. Any changed
/// byte gives another digest and a full check; expiry, the key still being published and the revocation row are
/// checked on every call, so a revoked token is inactive at once.
/// </para>
/// </summary>
public sealed class AccessTokenValidator(SigningKeyStore keys, TokenLedger ledger, IOptions<AuthServerOptions> options, TimeProvider time) : IDisposable
{
    public const int MaxRemembered = 20_000;
    public static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(10);
    private const int MaxTokenLength = 8192;
    private readonly MemoryCache _verified = new(new MemoryCacheOptions { SizeLimit = MaxRemembered });

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

    /// <summary>
    /// The token's introspection facts if it is active now: one of ours (signature by a published key, type, issuer),
    /// within its lifetime, and not revoked. Tokens that passed the signature check are remembered by digest.
    /// </summary>
    public async Task<VerifiedAccessToken?> IntrospectAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length > MaxTokenLength)
        {
            return null;
        }

        var digest = Digest(token);
        if (_verified.TryGetValue(digest, out VerifiedAccessToken? verified) && verified is not null)
        {
            if (!verified.IsCurrent(time.GetUtcNow())
                || keys.FindValidationKey(verified.KeyId) is null
                || !string.Equals(verified.Issuer, options.Value.Issuer, StringComparison.Ordinal))
            {
                return null;
            }
        }
        else
        {
            var jwt = ValidateSignature(token, checkLifetime: true);
            if (jwt is null || !jwt.TryGetPayloadValue<string>(OAuthClaims.JwtId, out var jti) || string.IsNullOrEmpty(jti))
            {
                return null;
            }

            verified = VerifiedAccessToken.From(jwt, jti);
            var until = time.GetUtcNow() + RememberFor;
            _verified.Set(digest, verified, new MemoryCacheEntryOptions
            {
                Size = 1,
                AbsoluteExpiration = verified.ExpiresAt < until ? verified.ExpiresAt : until,
            });
        }

        return await ledger.IsRevokedAsync(verified.JwtId, cancellationToken) ? null : verified;
    }

    public void Dispose() => _verified.Dispose();

    /// <summary>Base64 of SHA-256 over the token's UTF-8 bytes: the cache key, so no token is kept in memory.</summary>
    private static string Digest(string token)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(token.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(token, rented);
            SHA256.HashData(rented.AsSpan(0, length), digest);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return Convert.ToBase64String(digest);
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
