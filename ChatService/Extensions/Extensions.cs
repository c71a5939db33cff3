using System.Text.Json;
using ChatService.Agent;
using ChatService.Agent.OpenAI;
using ChatService.Agent.Planner;
using ChatService.Conversations;
using ChatService.Data;
using ChatService.Mcp;
using ChatService.Options;
using ChatService.Telemetry;
using ChatService.Web;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace ChatService.Extensions;

public static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ChatServiceOptions>().BindConfiguration(ChatServiceOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ServiceIdentityOptions>().BindConfiguration(ServiceIdentityOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();

        services.AddProblemDetails();
        // Unreadable bodies are a 400 ProblemDetails in every environment, never an exception page or a 500.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ChatTelemetry>();

        builder.AddChatDatabase();
        builder.AddMcpClient();
        builder.AddAgent();

        services.AddOptions<WebOptions>().BindConfiguration(WebOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WebCookies>();
        services.AddSingleton<SessionRefresher>();
        services.AddScoped<ConversationStore>();
        services.AddScoped<ConversationTurns>();
        return builder;
    }

    /// <summary>chatdb, migrated at start.</summary>
    public static IHostApplicationBuilder AddChatDatabase(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<ChatDbContext>("chatdb");
        builder.AddDatabaseMigrations<ChatDbContext>("chatdb");
        return builder;
    }

    /// <summary>The service token and the MCP client that carries it with the user's token.</summary>
    public static IHostApplicationBuilder AddMcpClient(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(AuthorizationServerDiscovery.HttpClientName);
        builder.Services.AddSingleton<AuthorizationServerDiscovery>();
        builder.Services.AddHttpClient(McpToolConnector.HttpClientName);
        builder.Services.AddSingleton<ServiceTokenManager>();
        builder.Services.AddSingleton<McpToolConnector>();
        return builder;
    }

    /// <summary>The agent loop over the configured model: the built-in planner, or an OpenAI-compatible endpoint.</summary>
    public static IHostApplicationBuilder AddAgent(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AgentOptions>().BindConfiguration(AgentOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<AgentOptions>, AgentOptionsValidator>();
        services.AddHttpClient(OpenAIChatClientAdapter.HttpClientName);
        services.AddSingleton<IChatClient>(sp =>
            string.Equals(sp.GetRequiredService<IOptions<AgentOptions>>().Value.Provider, AgentProviders.OpenAI, StringComparison.OrdinalIgnoreCase)
                ? ActivatorUtilities.CreateInstance<OpenAIChatClientAdapter>(sp)
                : new PlannerChatClient());
        services.AddSingleton<ToolInvoker>();
        services.AddSingleton<ChatAgent>();
        return builder;
    }
}
