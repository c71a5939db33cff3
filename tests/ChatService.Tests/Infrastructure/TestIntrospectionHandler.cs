using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatService.Tests.Infrastructure;

/// <summary>
/// Authenticates McpResource's callers (in these tests) the way the contract describes the introspection handler:
/// active, issued for the audience, claims sub, client_id, scope, aud, username; the token's data comes from
/// <see cref="TestIntrospectionOptions.Lookup"/> (the fake server's records, or RFC 7662 at the real AuthServer).
/// </summary>
public sealed class TestIntrospectionHandler(
    IOptionsMonitor<TestIntrospectionOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<TestIntrospectionOptions>(options, logger, encoder)
{
    public const string SchemeName = "TestIntrospection";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = await Options.Lookup!(header[7..].Trim(), Context.RequestAborted);
        if (token is null || !token.Audiences.Contains(Options.Audience))
        {
            return AuthenticateResult.Fail("The token is not active for this audience.");
        }

        var claims = new List<Claim>
        {
            new("sub", token.Subject),
            new("client_id", token.ClientId),
            new("scope", token.Scope),
        };
        claims.AddRange(token.Audiences.Select(a => new Claim("aud", a)));
        if (token.Username is not null)
        {
            claims.Add(new Claim("username", token.Username));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, "username", "role"));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}

public sealed class TestIntrospectionOptions : AuthenticationSchemeOptions
{
    /// <summary>The active token's data, or null when the token is not active.</summary>
    public Func<string, CancellationToken, Task<FakeAuthorizationServer.IssuedToken?>>? Lookup { get; set; }

    public string Audience { get; set; } = "";
}
