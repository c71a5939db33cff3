using AuthServer.Data;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Tokens;

/// <summary>Revokes a whole grant: the grant, every refresh token of it, and every live access token issued from it.</summary>
public sealed class GrantRevoker(AuthDbContext db, TokenLedger ledger, RevocationPublisher publisher, TimeProvider time)
{
    public async Task RevokeGrantAsync(Guid grantId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await db.Grants.Where(g => g.Id == grantId && g.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.RevokedAt, now), cancellationToken);
        await db.RefreshTokens.Where(t => t.GrantId == grantId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        var jtis = await db.Database.SqlQuery<string>(
                $"UPDATE access_tokens SET revoked_at = {now} WHERE grant_id = {grantId} AND revoked_at IS NULL AND expires_at > {now} RETURNING jti AS \"Value\"")
            .ToListAsync(cancellationToken);
        await publisher.PublishAsync(jtis);
    }

    public async Task<bool> RevokeAccessTokenAsync(string jti, string clientId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var revoked = await ledger.RevokeAsync(jti, clientId, expiresAt, time.GetUtcNow(), cancellationToken);
        if (revoked)
        {
            await publisher.PublishAsync([jti]);
        }

        return revoked;
    }
}
