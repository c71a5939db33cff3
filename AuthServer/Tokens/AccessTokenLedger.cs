using AuthServer.Data;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Tokens;

/// <summary>Records each issued access token by jti (one insert), so introspection and revocation can find it.</summary>
public static class AccessTokenLedger
{
    public static Task RecordAsync(AuthDbContext db, IssuedAccessToken token, string clientId, Guid? grantId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"INSERT INTO access_tokens (jti, grant_id, client_id, expires_at) VALUES ({token.Jti}, {grantId}, {clientId}, {token.ExpiresAt})",
            cancellationToken);
}
