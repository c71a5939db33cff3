using System.Text.Encodings.Web;
using McpAspire.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpResource.Tests.Infrastructure;

/// <summary>Authenticates <see cref="TestTokens"/> bearer tokens; other tokens fail, one token plays "authorization server down".</summary>
public sealed class TestAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var token = header["Bearer ".Length..].Trim();
        if (token == TestTokens.Unreachable)
        {
            var properties = new AuthenticationProperties();
            properties.Items[IntrospectionDefaults.UnavailableItem] = "1";
            return Task.FromResult(AuthenticateResult.Fail("authorization server unreachable", properties));
        }

        var principal = TestTokens.Principal(token, SchemeName);
        return Task.FromResult(principal is null
            ? AuthenticateResult.Fail("inactive token")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
