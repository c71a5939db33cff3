using Microsoft.Extensions.Configuration;

namespace McpAspire.ServiceDefaults.Http;

/// <summary>
/// Resolves service names in request URIs: <c>http://auth-server/token</c> goes to the address in configuration
/// <c>services:auth-server:http:0</c> (the AppHost's <c>services__auth-server__http__0</c>); https falls back to
/// the http entry and the other way round. Hosts without such an entry are left alone.
/// </summary>
internal sealed class ServiceAddressHandler(IConfiguration configuration) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { IsAbsoluteUri: true } uri && Resolve(configuration, uri) is { } resolved)
        {
            request.RequestUri = resolved;
        }

        return base.SendAsync(request, cancellationToken);
    }

    internal static Uri? Resolve(IConfiguration configuration, Uri uri)
    {
        if (uri.HostNameType != UriHostNameType.Dns || uri.Host.Contains('.', StringComparison.Ordinal))
        {
            return null;
        }

        var service = configuration.GetSection("services").GetSection(uri.Host);
        if (!service.Exists())
        {
            return null;
        }

        var otherScheme = uri.Scheme == Uri.UriSchemeHttps ? Uri.UriSchemeHttp : Uri.UriSchemeHttps;
        var address = service[$"{uri.Scheme}:0"] ?? service[$"{otherScheme}:0"];
        if (string.IsNullOrWhiteSpace(address) || !Uri.TryCreate(address, UriKind.Absolute, out var target))
        {
            return null;
        }

        var builder = new UriBuilder(uri)
        {
            Scheme = target.Scheme,
            Host = target.Host,
            Port = target.Port,
        };
        var basePath = target.AbsolutePath.TrimEnd('/');
        if (basePath.Length > 0)
        {
            builder.Path = basePath + uri.AbsolutePath;
        }

        return builder.Uri;
    }
}
