using AuthServer.Authorization;
using AuthServer.Clients;
using AuthServer.Data;
using AuthServer.Endpoints.Grants;
using AuthServer.Hardening;
using AuthServer.Options;
using AuthServer.Telemetry;
using AuthServer.Tokens;
using AuthServer.Users;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AuthServer.Extensions;

public static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        // First hosted service: the schema must exist before Data Protection reads its key ring from it.
        services.AddHostedService<DatabaseInitializer>();
        services.AddOptions<AuthServerOptions>()
            .BindConfiguration(AuthServerOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthServerOptions>, AuthServerOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddProblemDetails();

        builder.AddAuthDatabase();
        builder.AddRevocationChannel();
        builder.AddUsers();
        builder.AddTokenServices();
        builder.AddAuthServerRateLimiting();
        builder.AddRequestLimits();
        return builder;
    }

    private static void AddUsers(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddDataProtection().SetApplicationName("McpAspire.AuthServer");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IServiceScopeFactory>())));

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<AuthUser>(options =>
            {
                options.User.RequireUniqueEmail = false;
                options.Password.RequiredLength = 8;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddEntityFrameworkStores<AuthDbContext>()
            .AddSignInManager();
        services.Configure<IdentityOptions>(builder.Configuration.GetSection("Identity"));
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "mcpaspire.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = Endpoints.EndpointPaths.Login;
            cookie.LogoutPath = Endpoints.EndpointPaths.Logout;
            cookie.AccessDeniedPath = Endpoints.EndpointPaths.Error;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "mcpaspire.antiforgery";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddScoped<TestUserSeeder>();
        services.AddAuthorization();
        services.AddRazorPages();
    }

    private static void AddTokenServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<AuthServerTelemetry>();
        services.AddSingleton<SigningKeyStore>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<ResourceCatalog>();
        services.AddSingleton<AccessTokenValidator>();
        services.AddSingleton<RevocationPublisher>();
        services.AddScoped<GrantRevoker>();
        services.AddScoped<ClientStore>();
        services.AddScoped<ClientAuthenticator>();
        services.AddScoped<ClientSeeder>();
        services.AddScoped<UserTokenIssuer>();
        services.AddScoped<ClientCredentialsGrant>();
        services.AddScoped<AuthorizationCodeGrant>();
        services.AddScoped<RefreshTokenGrant>();
        services.AddScoped<AuthorizationRequestValidator>();
        services.AddScoped<AuthorizationCodeIssuer>();
        services.AddHostedService<SigningKeyRefresher>();
        services.AddSingleton<ExpiredDataSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<ExpiredDataSweeper>());
    }

    /// <summary>OAuth requests are small: cap bodies well below Kestrel's 30 MB default.</summary>
    private static void AddRequestLimits(this IHostApplicationBuilder builder) =>
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = 64 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        });
}
