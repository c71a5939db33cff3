using AuthServer.Data;
using AuthServer.OAuth;
using AuthServer.Options;
using AuthServer.Tokens;
using Microsoft.Extensions.Options;

namespace AuthServer.Endpoints.Grants;

/// <summary>Issues the tokens of a user grant: the access token, a rotated refresh token, and an ID token for openid.</summary>
public sealed class UserTokenIssuer(AuthDbContext db, TokenIssuer issuer, IOptions<AuthServerOptions> options, TimeProvider time)
{
    public sealed record Request(
        ClientApplication Client,
        AuthUser User,
        Guid GrantId,
        IReadOnlyList<string> GrantedScopes,
        IReadOnlyList<string> TokenScopes,
        IReadOnlyList<string> GrantedResources,
        IReadOnlyList<string> TokenAudiences,
        string? Nonce,
        DateTimeOffset AuthTime,
        bool IncludeIdToken);

    public async Task<TokenResponse> IssueAsync(Request request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var access = issuer.CreateAccessToken(new AccessTokenDescriptor(
            request.Client.ClientId, request.User.Id, request.User.UserName, request.TokenScopes, request.TokenAudiences, request.GrantId));

        string? refreshToken = null;
        if (request.Client.GrantTypes.Contains(GrantTypes.RefreshToken))
        {
            refreshToken = SecretHasher.NewSecret();
            db.RefreshTokens.Add(new RefreshTokenRecord
            {
                TokenHash = SecretHasher.Hash(refreshToken),
                GrantId = request.GrantId,
                ClientId = request.Client.ClientId,
                Subject = request.User.Id,
                Scopes = Scopes.Join(request.GrantedScopes),
                Resources = [.. request.GrantedResources],
                CreatedAt = now,
                ExpiresAt = now + options.Value.Lifetimes.RefreshToken,
            });
        }

        db.AccessTokens.Add(new AccessTokenRecord
        {
            Jti = access.Jti,
            GrantId = request.GrantId,
            ClientId = request.Client.ClientId,
            ExpiresAt = access.ExpiresAt,
        });
        await db.SaveChangesAsync(cancellationToken);

        string? idToken = null;
        if (request.IncludeIdToken && request.TokenScopes.Contains(Scopes.OpenId))
        {
            idToken = issuer.CreateIdToken(request.Client.ClientId, request.User.Id, UserClaims.For(request.User, request.TokenScopes), request.Nonce, request.AuthTime);
        }

        return new TokenResponse(access.Token, TokenTypes.Bearer, (long)issuer.AccessTokenLifetime.TotalSeconds,
            Scopes.Join(request.TokenScopes), refreshToken, idToken);
    }
}
