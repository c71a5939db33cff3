using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

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

        // HttpClientDefaults:* for every client, then HttpClientDefaults:Clients:<client name>:* for that client only.
        services.AddOptions();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HttpClientDefaultsOptions>, CommonSettings>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<HttpClientDefaultsOptions>, PerClientOverrides>());
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

/// <summary>Binds <c>HttpClientDefaults</c> for every client name.</summary>
internal sealed class CommonSettings(IConfiguration configuration) : IConfigureNamedOptions<HttpClientDefaultsOptions>
{
    public void Configure(string? name, HttpClientDefaultsOptions options) =>
        configuration.GetSection(HttpClientDefaultsOptions.SectionName).Bind(options);

    public void Configure(HttpClientDefaultsOptions options) => Configure(Options.DefaultName, options);
}

/// <summary>Applies <c>HttpClientDefaults:Clients:&lt;name&gt;</c> over the common settings for the named client.</summary>
internal sealed class PerClientOverrides(IConfiguration configuration) : IPostConfigureOptions<HttpClientDefaultsOptions>
{
    public void PostConfigure(string? name, HttpClientDefaultsOptions options)
    {
        if (!string.IsNullOrEmpty(name))
        {
            configuration.GetSection(HttpClientDefaultsOptions.SectionName).GetSection("Clients").GetSection(name).Bind(options);
        }
    }
}
