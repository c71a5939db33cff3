using AuthServer.OAuth;
using Microsoft.Extensions.Primitives;

namespace AuthServer.Tokens;

/// <summary>RFC 8707 <c>resource</c> parameters: absolute URIs without fragment, known here, and allowed.</summary>
public static class ResourceIndicators
{
    /// <summary>Resolves the requested resources against the resources (by name) a client may get.</summary>
    public static (IReadOnlyList<string> Uris, OAuthError? Error) Resolve(StringValues requested, ResourceCatalog catalog, IReadOnlyCollection<string> allowedNames)
    {
        var uris = new List<string>();
        foreach (var value in requested)
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Fragment.Length > 0)
            {
                return ([], OAuthError.InvalidTarget("A resource must be an absolute URI without a fragment."));
            }

            var name = catalog.NameOf(value);
            if (name is null)
            {
                return ([], OAuthError.InvalidTarget("The requested resource is unknown."));
            }

            if (!allowedNames.Contains(name))
            {
                return ([], OAuthError.InvalidTarget("The client may not request tokens for this resource."));
            }

            if (!uris.Contains(value))
            {
                uris.Add(value);
            }
        }

        return (uris, null);
    }

    /// <summary>For token requests after a grant: the resources asked for must be among the grant's audiences.</summary>
    public static (IReadOnlyList<string> Uris, OAuthError? Error) Narrow(StringValues requested, IReadOnlyList<string> granted)
    {
        var uris = requested.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).Distinct(StringComparer.Ordinal).ToList();
        if (uris.Count == 0)
        {
            return (granted, null);
        }

        return uris.All(granted.Contains)
            ? (uris, null)
            : ([], OAuthError.InvalidTarget("The requested resource was not part of the authorization."));
    }
}
