using Microsoft.AspNetCore.Authentication;

namespace McpAspire.ServiceDefaults.Authentication;

/// <summary>Names shared by the introspection authentication and the services that use it.</summary>
public static class IntrospectionDefaults
{
    /// <summary>The authentication scheme registered by <c>AddIntrospectionAuthentication()</c> (the default scheme).</summary>
    public const string AuthenticationScheme = "Introspection";

    /// <summary>Header that carries the end user's token when a service calls on the user's behalf (dual stream).</summary>
    public const string UserTokenHeader = "X-User-Token";

    /// <summary>Redis pub/sub channel on which the authorization server publishes the jti of each revoked access token.</summary>
    public const string RevocationChannel = "mcpaspire:revocations";

    /// <summary>Prefix of every cache key: <c>mcpaspire:introspection:&lt;namespace&gt;:...</c>.</summary>
    public const string CacheKeyPrefix = "mcpaspire:introspection:";

    /// <summary>Meter and ActivitySource of token validation (collected by ServiceDefaults' telemetry as McpAspire.*).</summary>
    public const string TelemetryName = "McpAspire.TokenValidation";

    /// <summary>
    /// Key set in <see cref="AuthenticationProperties.Items"/> of a failed result when the token could not be
    /// checked because the authorization server is unreachable (answer 503, not 401).
    /// </summary>
    public const string UnavailableItem = "mcpaspire:introspection-unavailable";

    /// <summary>
    /// True when authentication failed because the authorization server could not be reached and the token was not
    /// cached: the service should answer 503 (the token may well be valid), not 401.
    /// </summary>
    public static bool IsUnavailable(AuthenticateResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Failure is IntrospectionUnavailableException
            || result.Properties?.Items.ContainsKey(UnavailableItem) == true;
    }
}
