using AuthServer.Clients;
using AuthServer.Endpoints.Grants;
using AuthServer.Hardening;
using AuthServer.OAuth;
using AuthServer.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthServer.Endpoints;

/// <summary>The token endpoint (RFC 6749 section 3.2): client authentication, then one handler per grant type.</summary>
public static class TokenApi
{
    public static RouteHandlerBuilder MapTokenApi(this IEndpointRouteBuilder app) =>
        app.MapPost(EndpointPaths.Token, HandleAsync)
            .DisableAntiforgery()
            .RequireRateLimiting(RateLimitPolicies.Token)
            .WithTags("OAuth");

    public sealed record Services(
        ClientAuthenticator Authenticator,
        AuthServerTelemetry Telemetry,
        IServiceProvider Provider);

    private static async Task<Results<OAuthJsonResult<TokenResponse>, OAuthErrorResult>> HandleAsync(
        HttpContext context, [AsParameters] Services services)
    {
        var cancellationToken = context.RequestAborted;
        var (form, formError) = await OAuthForm.ReadAsync(context.Request, cancellationToken);
        if (form is null)
        {
            return new OAuthErrorResult(formError!);
        }

        var grantType = form[OAuthParameters.GrantType];
        if (grantType is null)
        {
            return new OAuthErrorResult(OAuthError.InvalidRequest("The grant_type parameter is missing."));
        }

        var (client, clientError) = await services.Authenticator.AuthenticateAsync(context.Request, form, cancellationToken);
        if (client is null)
        {
            return new OAuthErrorResult(clientError!);
        }

        using var activity = AuthServerTelemetry.ActivitySource.StartActivity("token " + grantType);
        var result = grantType switch
        {
            GrantTypes.ClientCredentials => await services.Provider.GetRequiredService<ClientCredentialsGrant>().HandleAsync(form, client, cancellationToken),
            GrantTypes.AuthorizationCode => await services.Provider.GetRequiredService<AuthorizationCodeGrant>().HandleAsync(form, client, cancellationToken),
            GrantTypes.RefreshToken => await services.Provider.GetRequiredService<RefreshTokenGrant>().HandleAsync(form, client, cancellationToken),
            _ => new GrantResult(null, new OAuthError(OAuthErrors.UnsupportedGrantType, "The grant type is not supported.")),
        };
        var outcome = result.Error?.Error ?? "issued";
        activity?.SetTag("oauth.grant_type", grantType).SetTag("oauth.client_id", client.ClientId).SetTag("oauth.outcome", outcome);
        services.Telemetry.TokenRequest(GrantTypes.Supported.Contains(grantType) ? grantType : "other", outcome);
        return result.Response is not null
            ? new OAuthJsonResult<TokenResponse>(result.Response)
            : new OAuthErrorResult(result.Error!);
    }
}
