using System.Security.Cryptography;
using System.Text;

namespace McpAspire.Dashboard.Web;

/// <summary>
/// The login token and the session cookie derived from it (HMAC-SHA256 of a fixed label under the token, so the cookie
/// never holds the token itself). Comparisons take constant time.
/// </summary>
internal sealed class DashboardTokenGate(string token)
{
    public const string CookieName = "mcpaspire.dashboard";

    private readonly byte[] _tokenHash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
    private readonly string _session = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(token), "mcpaspire-dashboard-session"u8))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public string SessionValue => _session;

    public bool IsToken(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _tokenHash);

    public bool IsSession(string? cookie) =>
        cookie is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(cookie), Encoding.UTF8.GetBytes(_session));
}
