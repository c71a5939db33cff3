using System.Security.Claims;
using McpResource.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatService.Tests.Infrastructure;

/// <summary>
/// The real McpResource (its endpoint, tools, scope checks and mcpdb) on a loopback port, trusting the fake
/// authorization server's tokens: the same checks as introspection would make (active, issued for this resource).
/// </summary>
public sealed class RealMcpResource(
    IReadOnlyDictionary<string, string?> settings,
    Func<string, CancellationToken, Task<FakeAuthorizationServer.IssuedToken?>> lookup,
    string audience)
    : WebApplicationFactory<McpResource.Data.McpDbContext>
{
    public Uri Start(int port)
    {
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, port));
        StartServer();
        return new Uri(audience);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(services =>
        {
            services.AddAuthentication(TestIntrospectionHandler.SchemeName)
                .AddScheme<TestIntrospectionOptions, TestIntrospectionHandler>(TestIntrospectionHandler.SchemeName, o =>
                {
                    o.Lookup = lookup;
                    o.Audience = audience;
                });
            services.AddSingleton<IUserTokenValidator>(new UserTokens(lookup, audience));
        });
    }

    private sealed class UserTokens(Func<string, CancellationToken, Task<FakeAuthorizationServer.IssuedToken?>> lookup, string audience)
        : IUserTokenValidator
    {
        public async ValueTask<UserTokenValidationResult> ValidateAsync(string token, CancellationToken cancellationToken)
        {
            var issued = await lookup(token, cancellationToken);
            if (issued is null || !issued.Audiences.Contains(audience))
            {
                return UserTokenValidationResult.Invalid("the token is not active for this resource");
            }

            var identity = new ClaimsIdentity(
                [
                    new Claim(McpClaimTypes.Subject, issued.Subject),
                    new Claim(McpClaimTypes.ClientId, issued.ClientId),
                    new Claim(McpClaimTypes.Scope, issued.Scope),
                    new Claim(McpClaimTypes.Username, issued.Username ?? issued.Subject),
                ],
                "UserToken");
            return UserTokenValidationResult.Valid(new ClaimsPrincipal(identity));
        }
    }
}
