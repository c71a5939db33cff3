using System.Globalization;
using System.Security.Claims;

namespace McpAspire.ServiceDefaults.Authentication;

/// <summary>Outcome of checking a token.</summary>
public enum TokenIntrospectionStatus
{
    /// <summary>Active, issued by the configured issuer, for this audience, unexpired.</summary>
    Active,

    /// <summary>Refused: inactive, expired, revoked, another issuer or another audience (401).</summary>
    Invalid,

    /// <summary>Could not be checked: the authorization server is unreachable and nothing is cached (503).</summary>
    Unavailable,
}

/// <summary>
/// The result of <see cref="ITokenIntrospector.IntrospectAsync"/>: the status, and for an active token the claims the
/// services use (sub, client_id, scope, aud, jti, exp, iat, username). Immutable and shared between requests.
/// </summary>
public sealed class TokenIntrospectionResult
{
    /// <summary>Claim names of <see cref="CreatePrincipal"/> (RFC 7662 member names).</summary>
    public static class ClaimTypes
    {
        public const string Subject = "sub";
        public const string ClientId = "client_id";
        public const string Scope = "scope";
        public const string Audience = "aud";
        public const string TokenId = "jti";
        public const string ExpiresAt = "exp";
        public const string IssuedAt = "iat";
        public const string Username = "username";
    }

    private TokenIntrospectionResult(TokenIntrospectionStatus status, string? failureReason, IntrospectionUnavailableException? failure)
    {
        Status = status;
        FailureReason = failureReason;
        Failure = failure;
        Audiences = [];
    }

    private TokenIntrospectionResult(
        string? subject, string? clientId, string? scope, IReadOnlyList<string> audiences, string? tokenId,
        DateTimeOffset expiresAt, DateTimeOffset? issuedAt, string? username)
    {
        Status = TokenIntrospectionStatus.Active;
        Subject = subject;
        ClientId = clientId;
        Scope = scope;
        Audiences = audiences;
        TokenId = tokenId;
        ExpiresAt = expiresAt;
        IssuedAt = issuedAt;
        Username = username;
    }

    public TokenIntrospectionStatus Status { get; }

    public bool IsActive => Status == TokenIntrospectionStatus.Active;

    public bool IsUnavailable => Status == TokenIntrospectionStatus.Unavailable;

    /// <summary>Why the token was refused or could not be checked (safe to log and to show: never contains the token).</summary>
    public string? FailureReason { get; }

    /// <summary>For <see cref="TokenIntrospectionStatus.Unavailable"/>: the <see cref="IntrospectionUnavailableException"/>.</summary>
    public IntrospectionUnavailableException? Failure { get; }

    public string? Subject { get; }

    public string? ClientId { get; }

    /// <summary>Space-separated scopes, as issued.</summary>
    public string? Scope { get; }

    public IReadOnlyList<string> Audiences { get; }

    /// <summary>The token's jti (the key of revocation events).</summary>
    public string? TokenId { get; }

    public DateTimeOffset? ExpiresAt { get; }

    public DateTimeOffset? IssuedAt { get; }

    public string? Username { get; }

    public static TokenIntrospectionResult Active(
        string? subject, string? clientId, string? scope, IReadOnlyList<string> audiences, string? tokenId,
        DateTimeOffset expiresAt, DateTimeOffset? issuedAt, string? username) =>
        new(subject, clientId, scope, audiences, tokenId, expiresAt, issuedAt, username);

    public static TokenIntrospectionResult Invalid(string reason) =>
        new(TokenIntrospectionStatus.Invalid, reason, null);

    public static TokenIntrospectionResult Unavailable(IntrospectionUnavailableException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new(TokenIntrospectionStatus.Unavailable, failure.Message, failure);
    }

    /// <summary>
    /// A new principal with the token's claims (sub, client_id, scope as one space-separated claim, one aud per
    /// audience, jti, exp, iat, username). Its name is the username, else the subject. Null unless active.
    /// </summary>
    public ClaimsPrincipal? CreatePrincipal(string authenticationType = IntrospectionDefaults.AuthenticationScheme)
    {
        if (!IsActive)
        {
            return null;
        }

        var claims = new List<Claim>(8 + Audiences.Count);
        Add(claims, ClaimTypes.Subject, Subject);
        Add(claims, ClaimTypes.ClientId, ClientId);
        Add(claims, ClaimTypes.Scope, Scope);
        foreach (var audience in Audiences)
        {
            Add(claims, ClaimTypes.Audience, audience);
        }

        Add(claims, ClaimTypes.TokenId, TokenId);
        if (ExpiresAt is { } exp)
        {
            claims.Add(new Claim(ClaimTypes.ExpiresAt, exp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        }

        if (IssuedAt is { } iat)
        {
            claims.Add(new Claim(ClaimTypes.IssuedAt, iat.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        }

        Add(claims, ClaimTypes.Username, Username);
        var nameType = Username is null ? ClaimTypes.Subject : ClaimTypes.Username;
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, nameType, "role"));
    }

    private static void Add(List<Claim> claims, string type, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            claims.Add(new Claim(type, value));
        }
    }
}
