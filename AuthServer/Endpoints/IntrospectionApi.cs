using System.Text.Json;
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
        IServiceProvider Provider,
        IOptions<AuthServerOptions> Options,
        AuthServerTelemetry Telemetry,
        TimeProvider Time);

    private static async Task<Results<ActiveAccessTokenResult, OAuthJsonResult<Dictionary<string, object>>, OAuthErrorResult>> HandleAsync(
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
        var looksLikeJwt = token.AsSpan().Count('.') == 2;
        if (looksLikeJwt || hint == TokenTypes.AccessTokenHint)
        {
            var verified = await services.Validator.IntrospectAsync(token, cancellationToken);
            services.Telemetry.Introspection(verified is not null);
            if (verified is not null)
            {
                return new ActiveAccessTokenResult(verified);
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

    private static async Task<Dictionary<string, object>?> DescribeRefreshTokenAsync(Services services, string token, CancellationToken cancellationToken)
    {
        if (token.Length > 512)
        {
            return null;
        }

        var hash = SecretHasher.Hash(token);
        var now = services.Time.GetUtcNow();
        var db = services.Provider.GetRequiredService<AuthDbContext>();
        var record = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
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

    /// <summary>
    /// The RFC 7662 answer for an active access token (200, no-store): active, token_type, iss, sub, aud (a string
    /// for one audience), exp, iat, nbf, jti, and client_id, scope, username when the token has them.
    /// </summary>
    public sealed class ActiveAccessTokenResult(VerifiedAccessToken token) : IResult, IStatusCodeHttpResult
    {
        public VerifiedAccessToken Token { get; } = token;

        public int? StatusCode => StatusCodes.Status200OK;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.Headers.CacheControl = "no-store";
            response.Headers.Pragma = "no-cache";
            response.ContentType = "application/json";
            await using var writer = new Utf8JsonWriter(response.BodyWriter);
            writer.WriteStartObject();
            writer.WriteBoolean("active", true);
            writer.WriteString("token_type", TokenTypes.Bearer);
            writer.WriteString(OAuthClaims.Issuer, Token.Issuer);
            writer.WriteString(OAuthClaims.Subject, Token.Subject);
            if (Token.Audiences.Length == 1)
            {
                writer.WriteString(OAuthClaims.Audience, Token.Audiences[0]);
            }
            else
            {
                writer.WriteStartArray(OAuthClaims.Audience);
                foreach (var audience in Token.Audiences)
                {
                    writer.WriteStringValue(audience);
                }

                writer.WriteEndArray();
            }

            writer.WriteNumber(OAuthClaims.Expires, Token.ExpiresAt.ToUnixTimeSeconds());
            writer.WriteNumber(OAuthClaims.IssuedAt, Token.IssuedAt.ToUnixTimeSeconds());
            if (Token.NotBefore is { } notBefore)
            {
                writer.WriteNumber(OAuthClaims.NotBefore, notBefore.ToUnixTimeSeconds());
            }

            writer.WriteString(OAuthClaims.JwtId, Token.JwtId);
            WriteIfPresent(writer, OAuthClaims.ClientId, Token.ClientId);
            WriteIfPresent(writer, OAuthClaims.Scope, Token.Scope);
            WriteIfPresent(writer, OAuthClaims.Username, Token.Username);
            writer.WriteEndObject();
            await writer.FlushAsync(httpContext.RequestAborted);
        }

        private static void WriteIfPresent(Utf8JsonWriter writer, string name, string? value)
        {
            if (value is not null)
            {
                writer.WriteString(name, value);
            }
        }
    }
}
