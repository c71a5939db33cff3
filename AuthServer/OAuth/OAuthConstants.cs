namespace AuthServer.OAuth;

/// <summary>Grant types (RFC 6749).</summary>
public static class GrantTypes
{
    public const string AuthorizationCode = "authorization_code";
    public const string RefreshToken = "refresh_token";
    public const string ClientCredentials = "client_credentials";

    public static readonly string[] Supported = [AuthorizationCode, RefreshToken, ClientCredentials];
}

/// <summary>Error codes of RFC 6749, 6750, 7009, 7591, 8707.</summary>
public static class OAuthErrors
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";
    public const string InvalidGrant = "invalid_grant";
    public const string UnauthorizedClient = "unauthorized_client";
    public const string UnsupportedGrantType = "unsupported_grant_type";
    public const string UnsupportedResponseType = "unsupported_response_type";
    public const string UnsupportedTokenType = "unsupported_token_type";
    public const string InvalidScope = "invalid_scope";
    public const string InvalidTarget = "invalid_target";
    public const string AccessDenied = "access_denied";
    public const string ServerError = "server_error";
    public const string TemporarilyUnavailable = "temporarily_unavailable";
    public const string LoginRequired = "login_required";
    public const string ConsentRequired = "consent_required";
    public const string InvalidToken = "invalid_token";
    public const string InsufficientScope = "insufficient_scope";
    public const string InvalidRedirectUri = "invalid_redirect_uri";
    public const string InvalidClientMetadata = "invalid_client_metadata";
}

/// <summary>Request and response parameter names.</summary>
public static class OAuthParameters
{
    public const string GrantType = "grant_type";
    public const string ClientId = "client_id";
    public const string ClientSecret = "client_secret";
    public const string Code = "code";
    public const string RedirectUri = "redirect_uri";
    public const string CodeVerifier = "code_verifier";
    public const string CodeChallenge = "code_challenge";
    public const string CodeChallengeMethod = "code_challenge_method";
    public const string RefreshToken = "refresh_token";
    public const string Scope = "scope";
    public const string Resource = "resource";
    public const string ResponseType = "response_type";
    public const string ResponseMode = "response_mode";
    public const string State = "state";
    public const string Nonce = "nonce";
    public const string Prompt = "prompt";
    public const string Token = "token";
    public const string TokenTypeHint = "token_type_hint";
    public const string Issuer = "iss";
    public const string Error = "error";
    public const string ErrorDescription = "error_description";
}

/// <summary>Claim names in access tokens, ID tokens and introspection responses.</summary>
public static class OAuthClaims
{
    public const string Issuer = "iss";
    public const string Subject = "sub";
    public const string Audience = "aud";
    public const string ClientId = "client_id";
    public const string Scope = "scope";
    public const string JwtId = "jti";
    public const string IssuedAt = "iat";
    public const string Expires = "exp";
    public const string NotBefore = "nbf";
    public const string Username = "username";
    public const string AuthTime = "auth_time";
    public const string Nonce = "nonce";
    public const string PreferredUsername = "preferred_username";
    public const string Name = "name";
    public const string Email = "email";
    public const string EmailVerified = "email_verified";
    public const string AuthorizedParty = "azp";
}

/// <summary>Client authentication methods (RFC 7591 token_endpoint_auth_method).</summary>
public static class ClientAuthMethods
{
    public const string ClientSecretBasic = "client_secret_basic";
    public const string ClientSecretPost = "client_secret_post";
    public const string None = "none";

    public static readonly string[] Supported = [ClientSecretBasic, ClientSecretPost, None];
    public static readonly string[] Confidential = [ClientSecretBasic, ClientSecretPost];
}

/// <summary>Client types (RFC 6749 section 2.1).</summary>
public static class ClientTypes
{
    public const string Public = "public";
    public const string Confidential = "confidential";
}

/// <summary>Token type names: JWT header types and the RFC 7009/7662 hints.</summary>
public static class TokenTypes
{
    public const string AccessTokenJwt = "at+jwt";
    public const string Bearer = "Bearer";
    public const string AccessTokenHint = "access_token";
    public const string RefreshTokenHint = "refresh_token";
}

/// <summary>The scopes this server knows.</summary>
public static class Scopes
{
    public const string OpenId = "openid";
    public const string Profile = "profile";
    public const string Email = "email";
    public const string OfflineAccess = "offline_access";
    public const string McpRead = "mcp:read";
    public const string McpWrite = "mcp:write";
    public const string McpTools = "mcp:tools";
    public const string McpAdmin = "mcp:admin";

    public static readonly string[] Identity = [OpenId, Profile, Email, OfflineAccess];
    public static readonly string[] Mcp = [McpRead, McpWrite, McpTools, McpAdmin];
    public static readonly string[] All = [.. Identity, .. Mcp];

    /// <summary>Words for the consent page.</summary>
    public static string Describe(string scope) => scope switch
    {
        OpenId => "Know who you are (your user id)",
        Profile => "See your user name",
        Email => "See your e-mail address",
        OfflineAccess => "Stay connected while you are away",
        McpRead => "Read your tickets and integrations",
        McpWrite => "Create and change your tickets",
        McpTools => "Run tools on your behalf",
        McpAdmin => "Administer the MCP server (includes every other MCP permission)",
        _ => scope,
    };

    public static IReadOnlyList<string> Parse(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? []
            : value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToArray();

    public static string Join(IEnumerable<string> scopes) => string.Join(' ', scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}
