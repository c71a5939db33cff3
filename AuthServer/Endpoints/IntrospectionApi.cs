using AuthServer.Clients;
using AuthServer.Data;
using AuthServer.Hardening;
using AuthServer.OAuth;
using AuthServer.Options;
using AuthServer.Telemetry;
using AuthServer.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Endpoints;

/// <summary>
/// RFC 7662 token introspection, for authenticated confidential clients allowed to introspect (resource servers).
/// Anything unknown, expired or revoked is <c>{"active":false}</c>.
/// </summary>
public static class IntrospectionApi
{
    private static readonly Dictionary<string, object> Inactive = new() { ["active"] = false };

    public static RouteHandlerBuilder MapIntrospectionApi(this IEndpointRouteBuilder app) =>
        app.MapPost(EndpointPaths.Introspect, HandleAsync)
            .DisableAntiforgery()
            .RequireRateLimiting(RateLimitPolicies.Introspect)
            .WithTags("OAuth");

    public sealed record Services(
        ClientAuthenticator Authenticator,
        AccessTokenValidator Validator,
        AuthDbContext Db,
        IOptions<AuthServerOptions> Options,
        AuthServerTelemetry Telemetry,
        TimeProvider Time);

    private static async Task<Results<OAuthJsonResult<Dictionary<string, object>>, OAuthErrorResult>> HandleAsync(
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

        if (client.ClientType != ClientTypes.Confidential || !client.CanIntrospect)
        {
            return new OAuthErrorResult(new OAuthError(OAuthErrors.UnauthorizedClient, "The client may not introspect tokens.", StatusCodes.Status403Forbidden));
        }

        var token = form[OAuthParameters.Token];
        if (token is null)
        {
            return new OAuthErrorResult(OAuthError.InvalidRequest("The token parameter is missing."));
        }

        var hint = form[OAuthParameters.TokenTypeHint];
        var looksLikeJwt = token.Count(c => c == '.') == 2;
        if (looksLikeJwt || hint == TokenTypes.AccessTokenHint)
        {
            var jwt = await services.Validator.ValidateActiveAsync(token, cancellationToken);
            services.Telemetry.Introspection(jwt is not null);
            if (jwt is not null)
            {
                return new OAuthJsonResult<Dictionary<string, object>>(Describe(jwt));
            }

            if (looksLikeJwt)
            {
                return new OAuthJsonResult<Dictionary<string, object>>(Inactive);
            }
        }

        var refresh = await DescribeRefreshTokenAsync(services, token, cancellationToken);
        services.Telemetry.Introspection(refresh is not null);
        return new OAuthJsonResult<Dictionary<string, object>>(refresh ?? Inactive);
    }

    private static Dictionary<string, object> Describe(JsonWebToken jwt)
    {
        var response = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["active"] = true,
            ["token_type"] = TokenTypes.Bearer,
            [OAuthClaims.Issuer] = jwt.Issuer,
            [OAuthClaims.Subject] = jwt.Subject,
            [OAuthClaims.Audience] = jwt.Audiences.Count() == 1 ? jwt.Audiences.First() : jwt.Audiences.ToArray(),
            [OAuthClaims.Expires] = new DateTimeOffset(jwt.ValidTo).ToUnixTimeSeconds(),
            [OAuthClaims.IssuedAt] = new DateTimeOffset(jwt.IssuedAt).ToUnixTimeSeconds(),
            [OAuthClaims.NotBefore] = new DateTimeOffset(jwt.ValidFrom).ToUnixTimeSeconds(),
            [OAuthClaims.JwtId] = jwt.Id,
        };
        foreach (var name in new[] { OAuthClaims.ClientId, OAuthClaims.Scope, OAuthClaims.Username })
        {
            if (jwt.TryGetPayloadValue<string>(name, out var value) && value is not null)
            {
                response[name] = value;
            }
        }

        return response;
    }

    private static async Task<Dictionary<string, object>?> DescribeRefreshTokenAsync(Services services, string token, CancellationToken cancellationToken)
    {
        if (token.Length > 512)
        {
            return null;
        }

        var hash = SecretHasher.Hash(token);
        var now = services.Time.GetUtcNow();
        var record = await services.Db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (record is null || record.UsedAt is not null || record.RevokedAt is not null || record.ExpiresAt <= now)
        {
            return null;
        }

        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["active"] = true,
            ["token_type"] = TokenTypes.RefreshTokenHint,
            [OAuthClaims.Issuer] = services.Options.Value.Issuer,
            [OAuthClaims.Subject] = record.Subject,
            [OAuthClaims.ClientId] = record.ClientId,
            [OAuthClaims.Scope] = record.Scopes,
            [OAuthClaims.Expires] = record.ExpiresAt.ToUnixTimeSeconds(),
            [OAuthClaims.IssuedAt] = record.CreatedAt.ToUnixTimeSeconds(),
        };
    }
}
