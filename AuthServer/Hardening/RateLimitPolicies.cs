namespace AuthServer.Hardening;

/// <summary>Names of the rate limit policies (keys of <c>AuthServer:RateLimits</c>).</summary>
public static class RateLimitPolicies
{
    public const string Token = "token";
    public const string Introspect = "introspect";
    public const string Register = "register";
    public const string Login = "login";

    public static readonly string[] All = [Token, Introspect, Register, Login];
}
