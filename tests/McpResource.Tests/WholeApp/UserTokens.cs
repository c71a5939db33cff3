using System.Net;
using System.Text.Json;
using McpAspire.Testing.OAuth;

namespace McpResource.Tests.WholeApp;

/// <summary>
/// Access tokens from the real AuthServer, got the way the chat page gets them: the public client <c>chat-web</c>,
/// authorization code with PKCE, the user signing in and consenting in a cookie "browser" (one per user, so each
/// user signs in once), then the code exchanged at the token endpoint with an RFC 8707 resource.
/// </summary>
public sealed class UserTokens(McpWholeAppFixture app) : IDisposable
{
    public const string ClientId = "chat-web";

    private static readonly Dictionary<string, string> Passwords = new(StringComparer.Ordinal)
    {
        ["alice"] = "password123",
        ["bob"] = "secret456",
        ["admin"] = "admin789",
    };

    private readonly Dictionary<string, OAuthBrowser> _browsers = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly HttpClient _backChannel = new();
    private AuthServerMetadata? _metadata;

    public static string ScopesOf(string user) => user switch
    {
        "alice" => "mcp:read mcp:write",
        "bob" => "mcp:read",
        "admin" => "mcp:read mcp:write mcp:admin",
        _ => throw new ArgumentOutOfRangeException(nameof(user), user, "Not a seeded user."),
    };

    /// <summary>A new access token for McpResource, with all the scopes the user has.</summary>
    public Task<string> ForMcpAsync(string user, CancellationToken cancellationToken) =>
        GetAsync(user, ScopesOf(user), app.McpResourceUri, cancellationToken);

    /// <summary>A new access token of <paramref name="user"/> for <paramref name="resource"/>.</summary>
    public async Task<string> GetAsync(string user, string scope, string resource, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var metadata = await MetadataAsync(cancellationToken);
            if (!_browsers.TryGetValue(user, out var browser))
            {
                _browsers[user] = browser = OAuthBrowser.Create();
            }

            var pkce = Pkce.Create();
            var state = Guid.NewGuid().ToString("N");
            var redirectUri = app.GetEndpoint("chat-service").GetLeftPart(UriPartial.Authority) + "/signin-callback";
            var authorize = AuthorizeUrl.Build(metadata.AuthorizationEndpoint, ClientId, redirectUri, scope, state, pkce, [resource]);
            var callback = await browser.AuthorizeAsync(authorize, user, Passwords[user], cancellationToken: cancellationToken);
            Assert.True(callback.Code is not null, $"No code for {user}: {callback.Error} {callback.ErrorDescription}");
            Assert.Equal(state, callback.State);

            var token = await TokenRequests.ExchangeCodeAsync(
                _backChannel, metadata.TokenEndpoint, ClientId, callback.Code!, redirectUri, pkce.Verifier, [resource], cancellationToken: cancellationToken);
            Assert.True(token.StatusCode == HttpStatusCode.OK, $"Token request for {user} answered {token.StatusCode}: {token.Error}");
            return token.AccessToken!;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>RFC 7009 revocation of one of the tokens this source got (chat-web is a public client).</summary>
    public async Task RevokeAsync(string accessToken, CancellationToken cancellationToken)
    {
        var metadata = await MetadataAsync(cancellationToken);
        var result = await TokenRequests.PostAsync(
            _backChannel, metadata.RevocationEndpoint, ClientId, clientSecret: null,
            [new("token", accessToken), new("token_type_hint", "access_token")], cancellationToken);
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
    }

    public async Task<AuthServerMetadata> MetadataAsync(CancellationToken cancellationToken)
    {
        if (_metadata is null)
        {
            using var response = await _backChannel.GetAsync(new Uri(app.Issuer + "/.well-known/oauth-authorization-server"), cancellationToken);
            response.EnsureSuccessStatusCode();
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            _metadata = AuthServerMetadata.From(document.RootElement);
        }

        return _metadata;
    }

    public void Dispose()
    {
        foreach (var browser in _browsers.Values)
        {
            browser.Dispose();
        }

        _backChannel.Dispose();
        _lock.Dispose();
    }
}
