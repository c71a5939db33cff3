using System.Security.Cryptography;
using System.Text.Json;
using AuthServer.Data;
using AuthServer.Options;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Tokens;

/// <summary>
/// The ES256 keys: generated once, kept in the database (private key protected by Data Protection) so every
/// replica signs with the same key, rotated after <see cref="SigningKeyOptions.RotateAfter"/>; retired keys stay
/// in the JWKS while tokens they signed can still be alive.
/// </summary>
public sealed partial class SigningKeyStore(
    IDataProtectionProvider dataProtection,
    IOptions<AuthServerOptions> options,
    TimeProvider time,
    ILogger<SigningKeyStore> logger)
{
    // Any constant shared by the replicas; "authkeys" in ASCII.
    private const long KeyLockId = 0x6175_7468_6b65_7973;
    private readonly IDataProtector _protector = dataProtection.CreateProtector("AuthServer.SigningKeys.v1");
    private volatile KeySet? _keys;

    public bool IsLoaded => _keys is not null;

    /// <summary>The key that signs new tokens.</summary>
    public SigningKey Current => (_keys ?? throw new InvalidOperationException("Signing keys are not loaded yet.")).Current;

    /// <summary>Every key whose tokens may still be alive.</summary>
    public IReadOnlyList<SecurityKey> ValidationKeys => (_keys ?? throw new InvalidOperationException("Signing keys are not loaded yet.")).ValidationKeys;

    /// <summary>The JWKS document (RFC 7517), serialized once per key change.</summary>
    public byte[] JwksDocument => (_keys ?? throw new InvalidOperationException("Signing keys are not loaded yet.")).Jwks;

    /// <summary>Creates a key when none signs any more (under a lock shared by the replicas), then loads the set.</summary>
    public async Task EnsureAndLoadAsync(AuthDbContext db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({KeyLockId})", cancellationToken);
            var hasSigningKey = await db.SigningKeys.AnyAsync(k => k.RetiresAt > now, cancellationToken);
            if (!hasSigningKey)
            {
                db.SigningKeys.Add(CreateKey(now));
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        });

        var records = await db.SigningKeys.AsNoTracking()
            .Where(k => k.ExpiresAt > now)
            .OrderByDescending(k => k.CreatedAt)
            .ToListAsync(cancellationToken);
        var keys = records.Select(Load).ToList();
        var current = keys.First(k => k.RetiresAt > now);
        if (_keys?.Current.KeyId != current.KeyId)
        {
            LogSigningKey(logger, current.KeyId, keys.Count);
        }

        _keys = new KeySet(current, keys.Select(k => (SecurityKey)k.Key).ToArray(), SerializeJwks(keys));
    }

    private SigningKeyRecord CreateKey(DateTimeOffset now)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var settings = options.Value;
        var retires = now + settings.SigningKeys.RotateAfter;
        var longestToken = settings.Lifetimes.AccessToken > settings.Lifetimes.IdToken ? settings.Lifetimes.AccessToken : settings.Lifetimes.IdToken;
        return new SigningKeyRecord
        {
            KeyId = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(12)),
            Algorithm = SecurityAlgorithms.EcdsaSha256,
            ProtectedPrivateKey = _protector.Protect(Convert.ToBase64String(ecdsa.ExportPkcs8PrivateKey())),
            CreatedAt = now,
            RetiresAt = retires,
            ExpiresAt = retires + longestToken + TimeSpan.FromHours(1),
        };
    }

    private SigningKey Load(SigningKeyRecord record)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(Convert.FromBase64String(_protector.Unprotect(record.ProtectedPrivateKey)), out _);
        var parameters = ecdsa.ExportParameters(includePrivateParameters: false);
        var jwk = new JsonWebKey
        {
            Kty = JsonWebAlgorithmsKeyTypes.EllipticCurve,
            Use = JsonWebKeyUseNames.Sig,
            Alg = SecurityAlgorithms.EcdsaSha256,
            Kid = record.KeyId,
            Crv = JsonWebKeyECTypes.P256,
            X = Base64UrlEncoder.Encode(parameters.Q.X),
            Y = Base64UrlEncoder.Encode(parameters.Q.Y),
        };
        return new SigningKey(record.KeyId, new ECDsaSecurityKey(ecdsa) { KeyId = record.KeyId }, jwk, record.RetiresAt, record.ExpiresAt);
    }

    private static byte[] SerializeJwks(IEnumerable<SigningKey> keys) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            keys = keys.Select(k => new
            {
                kty = k.PublicJwk.Kty,
                use = k.PublicJwk.Use,
                alg = k.PublicJwk.Alg,
                kid = k.PublicJwk.Kid,
                crv = k.PublicJwk.Crv,
                x = k.PublicJwk.X,
                y = k.PublicJwk.Y,
            }),
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "Signing with key {KeyId} ({KeyCount} key(s) published)")]
    private static partial void LogSigningKey(ILogger logger, string keyId, int keyCount);

    private sealed record KeySet(SigningKey Current, IReadOnlyList<SecurityKey> ValidationKeys, byte[] Jwks);
}
