using ChatService.Options;
using Microsoft.Extensions.Options;

namespace ChatService.Mcp;

/// <summary>The authorization server's metadata, read once from <c>{Issuer}/.well-known/oauth-authorization-server</c> and kept.</summary>
public sealed class AuthorizationServerDiscovery(IHttpClientFactory httpClientFactory, IOptions<ServiceIdentityOptions> options)
{
    public const string HttpClientName = "auth-server";

    private AuthorizationServerMetadata? _metadata;

    /// <exception cref="ServiceTokenUnavailableException">The metadata cannot be read (the server is down or answers nonsense).</exception>
    public async ValueTask<AuthorizationServerMetadata> GetAsync(CancellationToken cancellationToken)
    {
        if (_metadata is { } known)
        {
            return known;
        }

        try
        {
            var http = httpClientFactory.CreateClient(HttpClientName);
            return _metadata = await AuthorizationServerMetadata.FetchAsync(http, options.Value.Issuer!, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException
            || ex is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new ServiceTokenUnavailableException("The authorization server metadata could not be read.", ex);
        }
    }
}
