using AuthServer.Options;
using Microsoft.Extensions.Options;

namespace AuthServer.Tokens;

/// <summary>
/// RFC 8707 resources: the configured canonical URIs, which scopes belong to which resource, and the audience a
/// token gets from the resources asked for (or, without any, from its scopes).
/// </summary>
public sealed class ResourceCatalog
{
    private readonly Dictionary<string, string> _nameByUri = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _uriByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _resourcesByScope = new(StringComparer.Ordinal);
    private readonly string _issuer;

    public ResourceCatalog(IOptions<AuthServerOptions> options)
    {
        _issuer = options.Value.Issuer;
        foreach (var (name, resource) in options.Value.Resources)
        {
            _nameByUri[resource.Uri] = name;
            _uriByName[name] = resource.Uri;
            foreach (var scope in resource.Scopes)
            {
                if (!_resourcesByScope.TryGetValue(scope, out var names))
                {
                    _resourcesByScope[scope] = names = [];
                }

                names.Add(name);
            }
        }
    }

    public string? UriOf(string name) => _uriByName.GetValueOrDefault(name);

    public string? NameOf(string uri) => _nameByUri.GetValueOrDefault(uri);

    /// <summary>
    /// The audiences for a token. <paramref name="requestedUris"/> must already be checked against what the client
    /// may get. Without any, the audience follows from the scopes; with neither, the token is for this server only
    /// (userinfo), so the issuer is the audience.
    /// </summary>
    public IReadOnlyList<string> AudiencesFor(IReadOnlyList<string> requestedUris, IEnumerable<string> scopes, IEnumerable<string> allowedResourceNames)
    {
        if (requestedUris.Count > 0)
        {
            return requestedUris;
        }

        var allowed = allowedResourceNames.ToHashSet(StringComparer.Ordinal);
        var fromScopes = scopes
            .SelectMany(s => _resourcesByScope.GetValueOrDefault(s) ?? [])
            .Where(allowed.Contains)
            .Distinct(StringComparer.Ordinal)
            .Select(n => _uriByName[n])
            .ToArray();
        return fromScopes.Length > 0 ? fromScopes : [_issuer];
    }
}
