using McpAspire.ServiceDefaults.Authentication;

namespace McpResource.Authorization;

/// <summary>
/// Checks the user token of a dual-stream call exactly as the bearer token is checked: introspection through the
/// shared cache, active, issued by the configured issuer, with this server's canonical URI in <c>aud</c>.
/// </summary>
public sealed class IntrospectionUserTokenValidator(ITokenIntrospector introspector) : IUserTokenValidator
{
    public async ValueTask<UserTokenValidationResult> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var result = await introspector.IntrospectAsync(token, cancellationToken);
        return result.Status switch
        {
            TokenIntrospectionStatus.Active => UserTokenValidationResult.Valid(result.CreatePrincipal("UserToken")!),
            TokenIntrospectionStatus.Unavailable => UserTokenValidationResult.Unavailable(Reason(result, "the authorization server is unreachable")),
            _ => UserTokenValidationResult.Invalid(Reason(result, "the token is not active for this resource")),
        };
    }

    // The reason is quoted inside a sentence of the challenge: no trailing period, first letter lower-case.
    private static string Reason(TokenIntrospectionResult result, string fallback)
    {
        var reason = string.IsNullOrWhiteSpace(result.FailureReason) ? fallback : result.FailureReason.TrimEnd('.');
        return char.ToLowerInvariant(reason[0]) + reason[1..];
    }
}
