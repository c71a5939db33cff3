using McpResource.Authorization;
using McpResource.Data;
using McpResource.Endpoints;
using McpResource.Options;
using McpResource.Telemetry;
using McpResource.Tools;
using Microsoft.Extensions.Options;

namespace McpResource.Extensions;

public static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddOptions<ProtectedResourceOptions>()
            .BindConfiguration(ProtectedResourceOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProtectedResourceOptions>, ProtectedResourceOptionsValidator>();
        services.AddOptions<McpServerSettings>()
            .BindConfiguration(McpServerSettings.SectionName)
            .ValidateDataAnnotations()
            .Validate(s => !s.DisableAuthentication || !builder.Environment.IsProduction(),
                $"{McpServerSettings.SectionName}:DisableAuthentication is a benchmark setting and is refused in Production.")
            .ValidateOnStart();

        builder.AddMcpDatabase();
        builder.AddTokenValidation();
        services.AddCors();
        services.AddSingleton<IConfigureOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>, McpCors>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<McpResourceTelemetry>();

        services.AddScoped<CallerContext>();
        services.AddSingleton<CallerResolver>();
        services.AddSingleton<McpChallenges>();
        services.AddSingleton<PerRequestMcpServer>();
        services.AddSingleton<McpEndpointLog>();
        services.AddSingleton<McpRefusals>();
        services.AddSingleton(sp => new ToolCatalog(sp.GetServices<ModelContextProtocol.Server.McpServerTool>()));

        services.AddMcpServer()
            .WithTools<TicketTools>()
            .WithTools<TicketWriteTools>()
            .WithTools<IntegrationTools>()
            .WithTools<SystemTools>()
            .WithTools<ProfileTools>()
            .WithTools<AdminTools>();

        return builder;
    }

    private static void AddMcpDatabase(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<McpDbContext>("mcpdb");
        builder.AddDatabaseMigrations<McpDbContext>("mcpdb");
    }

    /// <summary>
    /// Bearer tokens (and the user token of a dual-stream call) are checked by introspection at the authorization
    /// server, cached in-process and in Redis, evicted on revocation events.
    /// </summary>
    private static void AddTokenValidation(this IHostApplicationBuilder builder)
    {
        builder.AddRedisClient("cache");
        builder.AddIntrospectionAuthentication();
        builder.Services.AddSingleton<IUserTokenValidator, IntrospectionUserTokenValidator>();
    }
}
