using AuthServer.OAuth;
using Microsoft.Extensions.Options;

namespace AuthServer.Options;

/// <summary>Refuses a wrong setting at start, naming the configuration key.</summary>
public sealed class AuthServerOptionsValidator : IValidateOptions<AuthServerOptions>
{
    private const string Section = AuthServerOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, AuthServerOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.Issuer, UriKind.Absolute, out var issuer)
            || issuer.Scheme is not ("http" or "https")
            || options.Issuer.EndsWith('/')
            || issuer.Query.Length > 0 || issuer.Fragment.Length > 0)
        {
            failures.Add($"{Section}:Issuer must be an absolute http(s) URL without trailing slash, query or fragment.");
        }

        foreach (var (resourceName, resource) in options.Resources)
        {
            if (!Uri.TryCreate(resource.Uri, UriKind.Absolute, out var uri) || uri.Fragment.Length > 0)
            {
                failures.Add($"{Section}:Resources:{resourceName}:Uri must be an absolute URI without fragment.");
            }

            failures.AddRange(resource.Scopes.Where(s => !Scopes.All.Contains(s))
                .Select(s => $"{Section}:Resources:{resourceName}:Scopes has the unknown scope '{s}'."));
        }

        foreach (var (clientId, client) in options.Clients)
        {
            var key = $"{Section}:Clients:{clientId}";
            if (client.Type is not (ClientTypes.Public or ClientTypes.Confidential))
            {
                failures.Add($"{key}:Type must be 'public' or 'confidential'.");
            }

            if (client.Type == ClientTypes.Confidential && string.IsNullOrEmpty(client.ClientSecret))
            {
                failures.Add($"{key}:ClientSecret is not set.");
            }

            if (client.Type == ClientTypes.Public && client.GrantTypes.Contains(GrantTypes.ClientCredentials))
            {
                failures.Add($"{key}:GrantTypes: a public client cannot use client_credentials.");
            }

            failures.AddRange(client.GrantTypes.Where(g => !GrantTypes.Supported.Contains(g))
                .Select(g => $"{key}:GrantTypes has the unknown grant type '{g}'."));
            failures.AddRange(client.Scopes.Where(s => !Scopes.All.Contains(s))
                .Select(s => $"{key}:Scopes has the unknown scope '{s}'."));
            failures.AddRange(client.Resources.Where(r => !options.Resources.ContainsKey(r))
                .Select(r => $"{key}:Resources names '{r}', which is not under {Section}:Resources."));
            for (var i = 0; i < client.RedirectUris.Count; i++)
            {
                if (!Uri.TryCreate(client.RedirectUris[i], UriKind.Absolute, out var redirect) || redirect.Fragment.Length > 0)
                {
                    failures.Add($"{key}:RedirectUris:{i} must be an absolute URI without fragment.");
                }
            }
        }

        failures.AddRange(options.DynamicRegistration.Resources.Where(r => !options.Resources.ContainsKey(r))
            .Select(r => $"{Section}:DynamicRegistration:Resources names '{r}', which is not under {Section}:Resources."));
        failures.AddRange(options.DynamicRegistration.Scopes.Where(s => !Scopes.All.Contains(s))
            .Select(s => $"{Section}:DynamicRegistration:Scopes has the unknown scope '{s}'."));

        var lifetimes = options.Lifetimes;
        if (lifetimes.AuthorizationCode <= TimeSpan.Zero || lifetimes.AccessToken <= TimeSpan.Zero
            || lifetimes.RefreshToken <= TimeSpan.Zero || lifetimes.IdToken <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:Lifetimes: every lifetime must be positive.");
        }

        foreach (var (policy, limit) in options.RateLimits)
        {
            if (limit.PermitLimit <= 0 || limit.Window <= TimeSpan.Zero)
            {
                failures.Add($"{Section}:RateLimits:{policy}: PermitLimit and Window must be positive.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
