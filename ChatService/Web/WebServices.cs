using ChatService.Mcp;
using ChatService.Options;
using Microsoft.Extensions.Options;

namespace ChatService.Web;

/// <summary>What the page endpoints need, bound with [AsParameters].</summary>
public sealed record WebServices(
    AuthorizationServerDiscovery Discovery,
    WebCookies Cookies,
    SessionRefresher Refresher,
    IHttpClientFactory HttpClients,
    IOptions<WebOptions> Web,
    IOptions<ChatServiceOptions> Chat,
    IOptions<ServiceIdentityOptions> Identity,
    TimeProvider Time,
    ILogger<WebCookies> Logger);
