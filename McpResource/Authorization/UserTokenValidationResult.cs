using System.Security.Claims;

namespace McpResource.Authorization;

public enum UserTokenStatus
{
    Valid,
    Invalid,

    /// <summary>The token could not be checked (authorization server unreachable and nothing cached).</summary>
    Unavailable,
}

/// <summary>The outcome of checking a user token; <see cref="Principal"/> is set when <see cref="Status"/> is Valid.</summary>
public sealed record UserTokenValidationResult(UserTokenStatus Status, ClaimsPrincipal? Principal = null, string? Reason = null)
{
    public static UserTokenValidationResult Valid(ClaimsPrincipal principal) => new(UserTokenStatus.Valid, principal);

    public static UserTokenValidationResult Invalid(string reason) => new(UserTokenStatus.Invalid, Reason: reason);

    public static UserTokenValidationResult Unavailable(string reason) => new(UserTokenStatus.Unavailable, Reason: reason);
}
