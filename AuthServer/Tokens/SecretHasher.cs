using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace AuthServer.Tokens;

/// <summary>
/// High-entropy secrets (client secrets, codes, refresh tokens) are 256-bit random values stored only as SHA-256
/// digests and compared in constant time. User passwords go through Identity's password hasher instead.
/// </summary>
public static class SecretHasher
{
    public static string NewSecret() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string NewJwtId() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(18));

    public static string Hash(string secret)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        var length = Encoding.UTF8.GetByteCount(secret);
        var buffer = length <= 512 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(secret, buffer);
        SHA256.HashData(buffer, digest);
        return WebEncoders.Base64UrlEncode(digest);
    }

    public static bool Matches(string presented, string? storedHash)
    {
        if (storedHash is null)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(storedHash);
        var actual = Encoding.ASCII.GetBytes(Hash(presented));
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>PKCE S256 (RFC 7636 section 4.6): BASE64URL(SHA256(ASCII(code_verifier))) == code_challenge.</summary>
    public static bool VerifiesChallenge(string verifier, string challenge)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.ASCII.GetBytes(verifier), digest);
        var computed = Encoding.ASCII.GetBytes(WebEncoders.Base64UrlEncode(digest));
        return CryptographicOperations.FixedTimeEquals(computed, Encoding.ASCII.GetBytes(challenge));
    }
}
