using McpResource.Authorization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace McpResource.Tests.Infrastructure;

/// <summary>McpResource in process, against a real PostgreSQL started for the test collection.</summary>
/// <remarks>Any type of the service's assembly names its entry point (a global Program type would clash with the AppHost's).</remarks>
public sealed class McpResourceFactory : WebApplicationFactory<McpResource.Data.McpDbContext>, IAsyncLifetime
{
    public const string Issuer = "http://127.0.0.1:5999";
    public const string Audience = "http://localhost/mcp";

    private PostgresServer? _postgres;

    public PostgresServer Postgres => _postgres ?? throw new InvalidOperationException("The fixture has not started.");

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        _postgres = await PostgresServer.StartAsync(timeout.Token);
        await _postgres.CreateDatabaseAsync("mcpdb", timeout.Token);
        _ = Server; // start the host now (migrations run at start)
    }

    public HttpClient CreateMcpClient(string? token = null, string? userToken = null)
    {
        var client = CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        if (userToken is not null)
        {
            client.DefaultRequestHeaders.Add(McpHeaders.UserToken, userToken);
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:mcpdb", _postgres!.ConnectionString("mcpdb"));
        // In-process tests authenticate with a test scheme; the introspection cache's Redis is never reached.
        builder.UseSetting("ConnectionStrings:cache", "127.0.0.1:1,connectTimeout=200");
        builder.UseSetting("TokenValidation:Issuer", Issuer);
        builder.UseSetting("TokenValidation:Audience", Audience);
        builder.UseSetting("TokenValidation:ClientId", "mcp-resource");
        builder.UseSetting("TokenValidation:ClientSecret", "not-used-in-process");
        builder.ConfigureServices(services =>
        {
            services.AddAuthentication(TestAuthenticationHandler.SchemeName)
                .AddScheme<AuthenticationSchemeOptions, TestAuthenticationHandler>(TestAuthenticationHandler.SchemeName, null);
            services.Configure<AuthenticationOptions>(o =>
            {
                o.DefaultScheme = TestAuthenticationHandler.SchemeName;
                o.DefaultAuthenticateScheme = TestAuthenticationHandler.SchemeName;
                o.DefaultChallengeScheme = TestAuthenticationHandler.SchemeName;
            });
            services.RemoveAll<IUserTokenValidator>();
            services.AddSingleton<IUserTokenValidator, TestUserTokenValidator>();
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}
