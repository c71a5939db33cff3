using System.Net;
using System.Net.Http.Headers;
using McpAspire.ServiceDefaults.Authentication;

namespace ChatService.Mcp;

/// <summary>
/// Puts both tokens of the dual stream on every request to McpResource: the service token in <c>Authorization</c>
/// and the user's token in <see cref="IntrospectionDefaults.UserTokenHeader"/>. When McpResource answers 401 the service token
/// is dropped and the request is sent once more with a fresh one.
/// </summary>
public sealed class DualTokenHandler(ServiceTokenManager tokens, string userToken) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove(IntrospectionDefaults.UserTokenHeader);
        request.Headers.TryAddWithoutValidation(IntrospectionDefaults.UserTokenHeader, userToken);

        var serviceToken = await tokens.GetTokenAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", serviceToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        tokens.Invalidate(serviceToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}
