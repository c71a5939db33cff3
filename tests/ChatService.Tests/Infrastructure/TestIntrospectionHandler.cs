using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatService.Tests.Infrastructure;

/// <summary>
/// Authenticates the chat API's callers against the fake authorization server's tokens the way the contract
/// describes the introspection handler: active, issued for ChatService's audience, claims sub, client_id, scope, aud,
/// username. Stands in for ServiceDefaults' handler in these in-process tests.
/// </summary>
public sealed class TestIntrospectionHandler(
    IOptionsMonitor<TestIntrospectionOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<TestIntrospectionOptions>(options, logger, encoder)
{
    public const string SchemeName = "TestIntrospection";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!Options.Server!.IsActive(header[7..].Trim(), out var token) || !token.Audiences.Contains(Options.Audience))
        {
            return Task.FromResult(AuthenticateResult.Fail("The token is not active for this audience."));
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
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}

public sealed class TestIntrospectionOptions : AuthenticationSchemeOptions
{
    public FakeAuthorizationServer? Server { get; set; }

    public string Audience { get; set; } = "";
}
