using McpAspire.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>Token validation by RFC 7662 introspection with the shared cache, for resource servers.</summary>
public static class IntrospectionAuthenticationExtensions
{
    /// <summary>
    /// Binds <c>TokenValidation</c> (checked at start), registers <see cref="ITokenIntrospector"/> (in-process + Redis
    /// cache when <c>AddRedisClient</c> registered a connection, single-flight, revocation events) and the
    /// authentication scheme <see cref="IntrospectionDefaults.AuthenticationScheme"/> as the default scheme.
    /// </summary>
    public static IHostApplicationBuilder AddIntrospectionAuthentication(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddOptions<TokenValidationOptions>().BindConfiguration(TokenValidationOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TokenValidationOptions>, TokenValidationOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddHttpClient(IntrospectionClient.HttpClientName);
        services.TryAddSingleton<TokenValidationMetrics>();
        services.TryAddSingleton<IntrospectionClient>();
        services.TryAddSingleton<CachingTokenIntrospector>();
        services.TryAddSingleton<ITokenIntrospector>(sp => sp.GetRequiredService<CachingTokenIntrospector>());
        services.AddHostedService<RevocationListener>();

        services.AddAuthentication(IntrospectionDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, IntrospectionAuthenticationHandler>(IntrospectionDefaults.AuthenticationScheme, null);
        services.AddAuthorization();
        return builder;
    }
}
