using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace McpAspire.ServiceDefaults.Authentication;

/// <summary>
/// Bearer authentication by introspection. No Authorization header (or another scheme): no result. A refused token:
/// failure, challenged with 401 <c>WWW-Authenticate: Bearer error="invalid_token"</c>. A token that could not be
/// checked (authorization server unreachable, not cached): failure with an <see cref="IntrospectionUnavailableException"/>
/// and <see cref="IntrospectionDefaults.UnavailableItem"/>, challenged with 503 and Retry-After.
/// </summary>
public sealed class IntrospectionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ITokenIntrospector introspector)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!TryGetBearerToken(Request, out var token))
        {
            return AuthenticateResult.NoResult();
        }

        if (token.Length == 0)
        {
            return AuthenticateResult.Fail("The bearer token is empty.");
        }

        var result = await introspector.IntrospectAsync(token, Context.RequestAborted);
        switch (result.Status)
        {
            case TokenIntrospectionStatus.Active:
                var principal = result.CreatePrincipal(Scheme.Name)!;
                return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
            case TokenIntrospectionStatus.Unavailable:
                var properties = new AuthenticationProperties();
                properties.Items[IntrospectionDefaults.UnavailableItem] = "true";
                return AuthenticateResult.Fail(
                    result.Failure!,
                    properties);
            default:
                return AuthenticateResult.Fail(result.FailureReason ?? "The token is not valid.");
        }
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        if (IntrospectionDefaults.IsUnavailable(result))
        {
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = "5";
            return;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append(HeaderNames.WWWAuthenticate, result.Failure is null ? "Bearer" : "Bearer error=\"invalid_token\"");
    }

    internal static bool TryGetBearerToken(HttpRequest request, out string token)
    {
        token = string.Empty;
        var authorization = request.Headers.Authorization;
        if (authorization.Count != 1)
        {
            return false;
        }

        var value = authorization[0].AsSpan().Trim();
        if (value.Length < 6 || !value[..6].Equals("Bearer", StringComparison.OrdinalIgnoreCase) || (value.Length > 6 && value[6] != ' '))
        {
            return false;
        }

        token = value[6..].Trim().ToString();
        return true;
    }
}
