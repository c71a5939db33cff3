using AuthServer.Clients;
using AuthServer.Data;
using AuthServer.Hardening;
using AuthServer.OAuth;
using AuthServer.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Endpoints;

/// <summary>
/// RFC 7009 revocation of access and refresh tokens. Revoking a refresh token revokes its whole grant, access
/// tokens included. Each revoked access token is published so resource servers evict it at once. Unknown or
/// invalid tokens are answered 200, as the RFC asks.
/// </summary>
public static class RevocationApi
{
    public static RouteHandlerBuilder MapRevocationApi(this IEndpointRouteBuilder app) =>
        app.MapPost(EndpointPaths.Revoke, HandleAsync)
            .DisableAntiforgery()
            .RequireRateLimiting(RateLimitPolicies.Token)
            .WithTags("OAuth");

    public sealed record Services(
        ClientAuthenticator Authenticator,
        AccessTokenValidator Validator,
        GrantRevoker Revoker,
        AuthDbContext Db);

    private static async Task<Results<OAuthJsonResult<object>, OAuthErrorResult>> HandleAsync(
        HttpContext context, [AsParameters] Services services)
    {
        var cancellationToken = context.RequestAborted;
        var (form, formError) = await OAuthForm.ReadAsync(context.Request, cancellationToken);
        if (form is null)
        {
            return new OAuthErrorResult(formError!);
        }

        var (client, clientError) = await services.Authenticator.AuthenticateAsync(context.Request, form, cancellationToken);
        if (client is null)
        {
            return new OAuthErrorResult(clientError!);
        }

        var token = form[OAuthParameters.Token];
        if (token is null)
        {
            return new OAuthErrorResult(OAuthError.InvalidRequest("The token parameter is missing."));
        }

        if (token.Count(c => c == '.') == 2)
        {
            var jwt = await services.Validator.ValidateSignatureAsync(token, checkLifetime: false);
            if (jwt is not null)
            {
                var owner = jwt.TryGetPayloadValue<string>(OAuthClaims.ClientId, out var clientId) ? clientId : null;
                if (owner != client.ClientId)
                {
                    return new OAuthErrorResult(OAuthError.UnauthorizedClient("The token was not issued to this client."));
                }

                await services.Revoker.RevokeAccessTokenAsync(jwt.Id, owner, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero), cancellationToken);
            }
        }
        else if (token.Length <= 512)
        {
            var hash = SecretHasher.Hash(token);
            var refresh = await services.Db.RefreshTokens.AsNoTracking()
                .Where(t => t.TokenHash == hash).Select(t => new { t.ClientId, t.GrantId }).FirstOrDefaultAsync(cancellationToken);
            if (refresh is not null && refresh.ClientId != client.ClientId)
            {
                return new OAuthErrorResult(OAuthError.UnauthorizedClient("The token was not issued to this client."));
            }

            if (refresh is not null)
            {
                await services.Revoker.RevokeGrantAsync(refresh.GrantId, cancellationToken);
            }
        }

        return new OAuthJsonResult<object>(new { });
    }
}
