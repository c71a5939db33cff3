using Microsoft.Extensions.Options;

namespace McpAspire.ServiceDefaults.Authentication;

/// <summary>Configuration section <c>TokenValidation</c>: who issues tokens, for whom, and how results are cached.</summary>
public sealed class TokenValidationOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "TokenValidation";

    /// <summary>The authorization server's issuer, exactly as it spells it (the token's <c>iss</c>).</summary>
    public string Issuer { get; set; } = string.Empty;

    /// <summary>This resource server's canonical URI; tokens must carry it in <c>aud</c>.</summary>
    public string Audience { get; set; } = string.Empty;

    /// <summary>Client id used to authenticate at the introspection endpoint (client_secret_basic).</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>Client secret used to authenticate at the introspection endpoint.</summary>
    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>Longest time an active result is cached (never beyond the token's exp).</summary>
    public TimeSpan MaxCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a refused token is remembered (zero: not at all).</summary>
    public TimeSpan NegativeCacheDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest time a result stays in the in-process cache in front of Redis.</summary>
    public TimeSpan LocalCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most entries kept in the in-process cache.</summary>
    public int LocalCacheSize { get; set; } = 10_000;

    /// <summary>Namespace of the Redis keys; defaults to <see cref="ClientId"/> (one per resource server).</summary>
    public string? CacheNamespace { get; set; }

    /// <summary>Longest wait for metadata plus introspection before the token counts as not checkable (503).</summary>
    public TimeSpan IntrospectionTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait for a Redis read before it is skipped and the token introspected instead.</summary>
    public TimeSpan RedisTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the authorization server metadata (introspection endpoint) is read again.</summary>
    public TimeSpan MetadataRefreshInterval { get; set; } = TimeSpan.FromHours(1);

    internal string EffectiveNamespace => string.IsNullOrWhiteSpace(CacheNamespace) ? ClientId : CacheNamespace;
}

/// <summary>Checks <see cref="TokenValidationOptions"/> at start; each failure names its configuration key.</summary>
internal sealed class TokenValidationOptionsValidator : IValidateOptions<TokenValidationOptions>
{
    public ValidateOptionsResult Validate(string? name, TokenValidationOptions options)
    {
        const string Section = TokenValidationOptions.SectionName;
        var failures = new List<string>();
        if (!Uri.TryCreate(options.Issuer, UriKind.Absolute, out var issuer) || (issuer.Scheme != Uri.UriSchemeHttp && issuer.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{Section}:Issuer must be the authorization server's issuer URL (e.g. http://127.0.0.1:5001).");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add($"{Section}:Audience must be this server's canonical resource URI.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add($"{Section}:ClientId must name the client that may introspect tokens.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add($"{Section}:ClientSecret must be set (the introspection client's secret).");
        }

        if (options.MaxCacheDuration <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:MaxCacheDuration must be positive.");
        }

        if (options.NegativeCacheDuration < TimeSpan.Zero)
        {
            failures.Add($"{Section}:NegativeCacheDuration must not be negative.");
        }

        if (options.LocalCacheDuration < TimeSpan.Zero)
        {
            failures.Add($"{Section}:LocalCacheDuration must not be negative.");
        }

        if (options.LocalCacheSize < 1)
        {
            failures.Add($"{Section}:LocalCacheSize must be at least 1.");
        }

        if (options.IntrospectionTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:IntrospectionTimeout must be positive.");
        }

        if (options.RedisTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:RedisTimeout must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
