using System.Security.Claims;
using McpAspire.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Authentication;

namespace McpResource.Authorization;

/// <summary>
/// Authenticates a request with the configured scheme and, for a dual-stream call, checks the user token too.
/// The effective scopes of a dual-stream call are what both tokens allow; the call acts as the user.
/// </summary>
public sealed class CallerResolver(IServiceProvider services)
{
    private readonly IUserTokenValidator? _userTokens = services.GetService<IUserTokenValidator>();

    public async ValueTask<CallerResolution> ResolveAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync();
        if (!result.Succeeded)
        {
            if (result.None)
            {
                return CallerResolution.NoToken;
            }

            return IntrospectionDefaults.IsUnavailable(result)
                ? CallerResolution.Unavailable("The access token could not be checked: the authorization server is unreachable.")
                : CallerResolution.InvalidToken("The access token is not valid for this resource.");
        }

        var principal = result.Principal;
        context.User = principal;
        var clientId = principal.FindFirstValue(TokenIntrospectionResult.ClaimTypes.ClientId);
        var subject = principal.FindFirstValue(TokenIntrospectionResult.ClaimTypes.Subject);
        var scopes = McpScopes.Expand(principal.FindFirstValue(TokenIntrospectionResult.ClaimTypes.Scope));

        if (!context.Request.Headers.TryGetValue(McpHeaders.UserToken, out var userTokenValues))
        {
            var clientAlone = string.IsNullOrEmpty(subject) || string.Equals(subject, clientId, StringComparison.Ordinal);
            return CallerResolution.Resolved(new McpCaller(
                subject ?? clientId ?? "unknown",
                principal.FindFirstValue(TokenIntrospectionResult.ClaimTypes.Username),
                clientId,
                scopes,
                clientAlone,
                ViaUserToken: false));
        }

        var userToken = userTokenValues.Count == 1 ? userTokenValues[0] : null;
        if (string.IsNullOrWhiteSpace(userToken))
        {
            return CallerResolution.InvalidToken($"The user token ({McpHeaders.UserToken}) must be sent once and not be empty.");
        }

        if (_userTokens is null)
        {
            return CallerResolution.InvalidToken($"The user token ({McpHeaders.UserToken}) cannot be checked by this server.");
        }

        var user = await _userTokens.ValidateAsync(userToken, context.RequestAborted);
        switch (user.Status)
        {
            case UserTokenStatus.Unavailable:
                return CallerResolution.Unavailable($"The user token ({McpHeaders.UserToken}) could not be checked: the authorization server is unreachable.");
            case UserTokenStatus.Invalid:
                return CallerResolution.InvalidToken($"The user token ({McpHeaders.UserToken}) is not valid: {user.Reason ?? "refused"}.");
        }

        var userPrincipal = user.Principal!;
        var userSubject = userPrincipal.FindFirstValue(TokenIntrospectionResult.ClaimTypes.Subject);
        if (string.IsNullOrEmpty(userSubject))
        {
            return CallerResolution.InvalidToken($"The user token ({McpHeaders.UserToken}) names no user (no sub).");
        }

        scopes.IntersectWith(McpScopes.Expand(userPrincipal.FindFirstValue(TokenIntrospectionResult.ClaimTypes.Scope)));
        return CallerResolution.Resolved(new McpCaller(
            userSubject,
            userPrincipal.FindFirstValue(TokenIntrospectionResult.ClaimTypes.Username),
            clientId,
            scopes,
            IsClientAlone: false,
            ViaUserToken: true));
    }
}
