using AuthServer.Data;
using AuthServer.OAuth;
using AuthServer.Tokens;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Endpoints.Grants;

/// <summary>
/// RFC 6749 section 6 with rotation (OAuth 2.1 section 4.3.1): every use returns a new refresh token; presenting
/// one that was already used revokes the whole grant (all refresh and access tokens of the family).
/// </summary>
public sealed class RefreshTokenGrant(AuthDbContext db, UserTokenIssuer tokens, GrantRevoker revoker, TimeProvider time)
{
    public async Task<GrantResult> HandleAsync(OAuthForm form, ClientApplication client, CancellationToken cancellationToken)
    {
        if (!client.GrantTypes.Contains(GrantTypes.RefreshToken))
        {
            return OAuthError.UnauthorizedClient("The client may not use the refresh_token grant.");
        }

        var presented = form[OAuthParameters.RefreshToken];
        if (presented is null)
        {
            return OAuthError.InvalidRequest("The refresh_token parameter is missing.");
        }

        var hash = SecretHasher.Hash(presented);
        var record = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (record is null || record.ClientId != client.ClientId)
        {
            return OAuthError.InvalidGrant("The refresh token is invalid.");
        }

        if (record.RevokedAt is not null)
        {
            return OAuthError.InvalidGrant("The refresh token has been revoked.");
        }

        var now = time.GetUtcNow();
        if (record.UsedAt is not null)
        {
            await revoker.RevokeGrantAsync(record.GrantId, cancellationToken);
            return OAuthError.InvalidGrant("The refresh token was already used; the authorization is revoked.");
        }

        if (record.ExpiresAt <= now)
        {
            return OAuthError.InvalidGrant("The refresh token has expired.");
        }

        var granted = Scopes.Parse(record.Scopes);
        var asked = Scopes.Parse(form[OAuthParameters.Scope]);
        if (asked.Any(s => !granted.Contains(s)))
        {
            return OAuthError.InvalidScope("The requested scope exceeds the scope originally granted.");
        }

        var (audiences, targetError) = ResourceIndicators.Narrow(form.All(OAuthParameters.Resource), record.Resources);
        if (targetError is not null)
        {
            return targetError;
        }

        var marked = await db.RefreshTokens
            .Where(t => t.TokenHash == hash && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
        if (marked == 0)
        {
            await revoker.RevokeGrantAsync(record.GrantId, cancellationToken);
            return OAuthError.InvalidGrant("The refresh token was already used; the authorization is revoked.");
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == record.Subject, cancellationToken);
        var grantRevoked = await db.Grants.AsNoTracking().AnyAsync(g => g.Id == record.GrantId && g.RevokedAt != null, cancellationToken);
        if (user is null || grantRevoked || (user.LockoutEnd is { } lockoutEnd && lockoutEnd > now))
        {
            return OAuthError.InvalidGrant("The authorization is no longer valid.");
        }

        return await tokens.IssueAsync(new UserTokenIssuer.Request(
            client, user, record.GrantId, granted, asked.Count > 0 ? asked : granted, record.Resources, audiences,
            Nonce: null, AuthTime: record.CreatedAt, IncludeIdToken: false), cancellationToken);
    }
}
