using System.Text.RegularExpressions;
using AuthServer.Data;
using AuthServer.OAuth;
using AuthServer.Tokens;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Endpoints.Grants;

/// <summary>
/// RFC 6749 section 4.1.3 with PKCE (RFC 7636): the code is single use; a second use fails and revokes every token
/// the first use produced. The redirect_uri must be the one of the authorization request, the verifier must match.
/// </summary>
public sealed partial class AuthorizationCodeGrant(AuthDbContext db, UserTokenIssuer tokens, GrantRevoker revoker, TimeProvider time)
{
    public async Task<GrantResult> HandleAsync(OAuthForm form, ClientApplication client, CancellationToken cancellationToken)
    {
        if (!client.GrantTypes.Contains(GrantTypes.AuthorizationCode))
        {
            return OAuthError.UnauthorizedClient("The client may not use the authorization_code grant.");
        }

        var code = form[OAuthParameters.Code];
        if (code is null)
        {
            return OAuthError.InvalidRequest("The code parameter is missing.");
        }

        var redirectUri = form[OAuthParameters.RedirectUri];
        var codeHash = SecretHasher.Hash(code);
        var record = await db.AuthorizationCodes.AsNoTracking().FirstOrDefaultAsync(c => c.CodeHash == codeHash, cancellationToken);
        if (record is null || record.ClientId != client.ClientId)
        {
            return OAuthError.InvalidGrant("The authorization code is invalid.");
        }

        var now = time.GetUtcNow();
        var consumed = await db.AuthorizationCodes
            .Where(c => c.CodeHash == codeHash && c.ConsumedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ConsumedAt, now), cancellationToken);
        if (consumed == 0)
        {
            await revoker.RevokeGrantAsync(record.GrantId, cancellationToken);
            return OAuthError.InvalidGrant("The authorization code has already been used; the tokens issued for it are revoked.");
        }

        if (record.ExpiresAt <= now)
        {
            return OAuthError.InvalidGrant("The authorization code has expired.");
        }

        // RFC 6749 section 4.1.3: identical to the authorization request's redirect_uri when that one had it.
        if (!string.Equals(record.RedirectUri, redirectUri ?? "", StringComparison.Ordinal))
        {
            return OAuthError.InvalidGrant("The redirect_uri does not match the authorization request.");
        }

        var verifier = form[OAuthParameters.CodeVerifier];
        if (verifier is null || !VerifierFormat().IsMatch(verifier) || !SecretHasher.VerifiesChallenge(verifier, record.CodeChallenge))
        {
            return OAuthError.InvalidGrant("The code_verifier is missing or does not match the code_challenge.");
        }

        var (audiences, targetError) = ResourceIndicators.Narrow(form.All(OAuthParameters.Resource), record.Resources);
        if (targetError is not null)
        {
            return targetError;
        }

        var grantRevoked = await db.Grants.AsNoTracking().AnyAsync(g => g.Id == record.GrantId && g.RevokedAt != null, cancellationToken);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == record.Subject, cancellationToken);
        if (grantRevoked || user is null)
        {
            return OAuthError.InvalidGrant("The authorization is no longer valid.");
        }

        var scopes = Scopes.Parse(record.Scopes);
        return await tokens.IssueAsync(new UserTokenIssuer.Request(
            client, user, record.GrantId, scopes, scopes, record.Resources, audiences, record.Nonce, record.AuthTime, IncludeIdToken: true), cancellationToken);
    }

    /// <summary>RFC 7636 section 4.1: 43 to 128 unreserved characters.</summary>
    [GeneratedRegex("^[A-Za-z0-9\\-._~]{43,128}$")]
    private static partial Regex VerifierFormat();
}
