using System.Net;

namespace AuthServer.Clients;

/// <summary>
/// Redirect URI rules: exact string match with a registered URI, except that a loopback IP redirect may use any
/// port (RFC 8252 section 7.3, OAuth 2.1). Registration accepts https, or http on a loopback host; no fragment.
/// </summary>
public static class RedirectUris
{
    public static bool IsRegistered(string requested, IEnumerable<string> registered)
    {
        foreach (var candidate in registered)
        {
            if (string.Equals(requested, candidate, StringComparison.Ordinal))
            {
                return true;
            }

            if (Uri.TryCreate(requested, UriKind.Absolute, out var asked) && Uri.TryCreate(candidate, UriKind.Absolute, out var known)
                && asked.Scheme == Uri.UriSchemeHttp && known.Scheme == Uri.UriSchemeHttp
                && IsLoopbackIp(asked) && IsLoopbackIp(known)
                && string.Equals(asked.Host, known.Host, StringComparison.Ordinal)
                && string.Equals(asked.PathAndQuery, known.PathAndQuery, StringComparison.Ordinal)
                && asked.Fragment.Length == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Why a URI cannot be registered, or null when it can.</summary>
    public static string? Problem(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            return "must be an absolute URI";
        }

        if (value.Contains('#', StringComparison.Ordinal))
        {
            return "must not contain a fragment";
        }

        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return null;
        }

        if (uri.Scheme == Uri.UriSchemeHttp && (IsLoopbackIp(uri) || uri.Host == "localhost"))
        {
            return null;
        }

        return "must use https, or http on a loopback host";
    }

    private static bool IsLoopbackIp(Uri uri) =>
        IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
}
