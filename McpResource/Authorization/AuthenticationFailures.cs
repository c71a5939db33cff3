using McpAspire.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Authentication;

namespace McpResource.Authorization;

/// <summary>Tells a token that was refused from a token that could not be checked (authorization server down).</summary>
public static class AuthenticationFailures
{
    /// <summary>Set by an authentication handler in <see cref="AuthenticationProperties.Items"/> when it could not reach its authority.</summary>
    public const string UnavailableItem = "mcp:unavailable";

    public static bool IsUnavailable(AuthenticateResult result)
    {
        if (IntrospectionDefaults.IsUnavailable(result) || result.Properties?.Items.ContainsKey(UnavailableItem) == true)
        {
            return true;
        }

        for (var ex = result.Failure; ex is not null; ex = ex.InnerException)
        {
            if (ex is HttpRequestException or TimeoutException or TaskCanceledException)
            {
                return true;
            }
        }

        return false;
    }
}
