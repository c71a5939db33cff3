using AuthServer.Data;
using AuthServer.OAuth;
using AuthServer.Tokens;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Endpoints;

/// <summary>OpenID Connect userinfo: the claims the token's scopes release, for a bearer access token with openid.</summary>
public static class UserInfoApi
{
    public static RouteGroupBuilder MapUserInfoApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(EndpointPaths.UserInfo).WithTags("OAuth").DisableAntiforgery();
        group.MapGet("", HandleAsync);
        group.MapPost("", HandleAsync);
        return group;
    }

    private static async Task<IResult> HandleAsync(HttpContext context, AccessTokenValidator validator, AuthDbContext db)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Challenge(null, null, StatusCodes.Status401Unauthorized);
        }

        var jwt = await validator.ValidateActiveAsync(authorization["Bearer ".Length..].Trim(), context.RequestAborted);
        if (jwt is null)
        {
            return Challenge(OAuthErrors.InvalidToken, "The access token is invalid, expired or revoked.", StatusCodes.Status401Unauthorized);
        }

        var scopes = Scopes.Parse(jwt.TryGetPayloadValue<string>(OAuthClaims.Scope, out var scope) ? scope : null);
        var subject = jwt.Subject;
        var user = scopes.Contains(Scopes.OpenId)
            ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == subject, context.RequestAborted)
            : null;
        if (user is null)
        {
            return Challenge(OAuthErrors.InsufficientScope, "The access token does not carry the openid scope of a user.", StatusCodes.Status403Forbidden);
        }

        var claims = UserClaims.For(user, scopes);
        claims[OAuthClaims.Subject] = user.Id;
        return new OAuthJsonResult<Dictionary<string, object>>(claims);
    }

    /// <summary>RFC 6750 section 3: the Bearer challenge, with the error when the request had a token.</summary>
    private static BearerChallengeResult Challenge(string? error, string? description, int status) =>
        new BearerChallengeResult(error, description, status);

    private sealed class BearerChallengeResult(string? error, string? description, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var challenge = "Bearer realm=\"AuthServer\"";
            if (error is not null)
            {
                challenge += $", error=\"{error}\", error_description=\"{description}\"";
                if (error == OAuthErrors.InsufficientScope)
                {
                    challenge += ", scope=\"openid\"";
                }
            }

            httpContext.Response.StatusCode = status;
            httpContext.Response.Headers.WWWAuthenticate = challenge;
            httpContext.Response.Headers.CacheControl = "no-store";
            return Task.CompletedTask;
        }
    }
}
