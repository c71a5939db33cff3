namespace AuthServer.Endpoints;

/// <summary>Where each endpoint lives, relative to the issuer.</summary>
public static class EndpointPaths
{
    public const string AuthorizationServerMetadata = "/.well-known/oauth-authorization-server";
    public const string OpenIdConfiguration = "/.well-known/openid-configuration";
    public const string Jwks = "/.well-known/jwks.json";
    public const string Authorize = "/connect/authorize";
    public const string Token = "/connect/token";
    public const string Introspect = "/connect/introspect";
    public const string Revoke = "/connect/revoke";
    public const string Register = "/connect/register";
    public const string UserInfo = "/connect/userinfo";
    public const string Login = "/account/login";
    public const string Logout = "/account/logout";
    public const string Consent = "/account/consent";
    public const string Consents = "/account/consents";
    public const string Error = "/error";
}
