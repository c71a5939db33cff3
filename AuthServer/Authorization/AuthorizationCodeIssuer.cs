using AuthServer.Data;
using AuthServer.Options;
using AuthServer.Tokens;
using Microsoft.Extensions.Options;

namespace AuthServer.Authorization;

/// <summary>Creates the grant and its single-use code (256-bit random, stored only as a SHA-256 digest).</summary>
public sealed class AuthorizationCodeIssuer(AuthDbContext db, ResourceCatalog resources, IOptions<AuthServerOptions> options, TimeProvider time)
{
    public async Task<string> IssueAsync(AuthorizationRequest request, AuthUser user, IReadOnlyList<string> scopes, DateTimeOffset authTime, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var code = SecretHasher.NewSecret();
        var grant = new AuthorizationGrant { Id = Guid.NewGuid(), ClientId = request.Client.ClientId, Subject = user.Id, CreatedAt = now };
        db.Grants.Add(grant);
        db.AuthorizationCodes.Add(new AuthorizationCode
        {
            CodeHash = SecretHasher.Hash(code),
            GrantId = grant.Id,
            ClientId = request.Client.ClientId,
            Subject = user.Id,
            RedirectUri = request.RedirectUriGiven ? request.RedirectUri : "",
            CodeChallenge = request.CodeChallenge,
            Scopes = OAuth.Scopes.Join(scopes),
            Resources = [.. resources.AudiencesFor(request.ResourceUris, scopes, request.Client.Resources)],
            Nonce = request.Nonce,
            AuthTime = authTime,
            CreatedAt = now,
            ExpiresAt = now + options.Value.Lifetimes.AuthorizationCode,
        });
        await db.SaveChangesAsync(cancellationToken);
        return code;
    }
}
