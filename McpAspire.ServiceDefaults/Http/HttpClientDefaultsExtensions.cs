using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;

namespace McpAspire.ServiceDefaults.Http;

/// <summary>Defaults for every HttpClient made by IHttpClientFactory.</summary>
public static class HttpClientDefaultsExtensions
{
    /// <summary>
    /// Service-name resolution (<c>http://auth-server</c> → <c>services:auth-server:http:0</c>) and resilience
    /// (timeouts, retries with jitter for idempotent methods, circuit breaker) for every factory-made HttpClient.
    /// </summary>
    public static IServiceCollection AddDefaultHttpClients(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<HttpClientDefaultsOptions>().BindConfiguration(HttpClientDefaultsOptions.SectionName);
        services.TryAddSingleton<ResiliencePipelines>();
        // Applies to every named client, before the client's own handlers (so retries go through them again).
        services.ConfigureAll<HttpClientFactoryOptions>(factory => factory.HttpMessageHandlerBuilderActions.Add(handlers =>
        {
            handlers.AdditionalHandlers.Insert(0, new ResilienceHandler(
                handlers.Services.GetRequiredService<ResiliencePipelines>(), handlers.Name ?? string.Empty));
            handlers.AdditionalHandlers.Insert(1, new ServiceAddressHandler(handlers.Services.GetRequiredService<IConfiguration>()));
        }));
        return services;
    }
}
