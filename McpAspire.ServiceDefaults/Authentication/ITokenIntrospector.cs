namespace McpAspire.ServiceDefaults.Authentication;

/// <summary>
/// Checks an access token by RFC 7662 introspection at the configured issuer, for the configured audience, through
/// the in-process and Redis caches (one introspection per token at a time; revocation events evict).
/// </summary>
public interface ITokenIntrospector
{
    /// <summary>
    /// Active (valid for this resource), Invalid (inactive, expired, other issuer or audience) or Unavailable (the
    /// authorization server could not be reached and nothing is cached). Never throws for a bad token.
    /// </summary>
    ValueTask<TokenIntrospectionResult> IntrospectAsync(string token, CancellationToken cancellationToken);
}
