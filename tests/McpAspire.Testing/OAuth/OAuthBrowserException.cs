namespace McpAspire.Testing.OAuth;

/// <summary>The authorization flow stopped on a page instead of reaching the client (login failed, error page...).</summary>
public sealed class OAuthBrowserException(int statusCode, string pageMessage)
    : Exception($"The authorization flow stopped on a page (HTTP {statusCode}): {pageMessage}")
{
    public int StatusCode { get; } = statusCode;

    public string PageMessage { get; } = pageMessage;
}
