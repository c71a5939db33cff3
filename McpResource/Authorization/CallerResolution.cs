namespace McpResource.Authorization;

public enum CallerResolutionKind
{
    Resolved,
    Unauthorized,
    Unavailable,
}

/// <summary>
/// The outcome of authenticating a request: a caller, a 401 (with the RFC 6750 error to report when a token was
/// sent), or a 503 when a token could not be checked.
/// </summary>
public sealed record CallerResolution(CallerResolutionKind Kind, McpCaller? Caller = null, string? Error = null, string? ErrorDescription = null)
{
    public static CallerResolution Resolved(McpCaller caller) => new(CallerResolutionKind.Resolved, caller);

    public static CallerResolution NoToken { get; } = new(CallerResolutionKind.Unauthorized);

    public static CallerResolution InvalidToken(string description) =>
        new(CallerResolutionKind.Unauthorized, Error: "invalid_token", ErrorDescription: description);

    public static CallerResolution Unavailable(string description) =>
        new(CallerResolutionKind.Unavailable, ErrorDescription: description);
}
