using McpAspire.Testing.OAuth;

namespace AuthServer.Tests.Infrastructure;

/// <summary>The authorization code flow of the chat-web client against the in-process server.</summary>
public sealed class CodeFlow(AuthServerFixture fixture) : IDisposable
{
    private static readonly Uri AuthorizeEndpoint = new($"{TestSettings.Issuer}/connect/authorize");
    private static readonly Uri TokenEndpoint = new($"{TestSettings.Issuer}/connect/token");

    private readonly OAuthBrowser _browser = new(fixture.CreateClient(cookies: true), ownsClient: true);
    private readonly HttpClient _backChannel = fixture.CreateClient();

    public Pkce Pkce { get; } = Pkce.Create();

    public string State { get; } = Guid.NewGuid().ToString("N");

    public string ClientId { get; init; } = "chat-web";

    public string RedirectUri { get; init; } = TestSettings.ChatWebRedirectUri;

    public OAuthBrowser Browser => _browser;

    public HttpClient BackChannel => _backChannel;

    public Uri AuthorizationUri(string scope, string[]? resources = null, Dictionary<string, string>? extra = null) =>
        AuthorizeUrl.Build(AuthorizeEndpoint, ClientId, RedirectUri, scope, State, Pkce, resources, extra);

    public Task<AuthorizationCallback> AuthorizeAsync(string user, string password, string scope, string[]? resources = null, bool approve = true, Dictionary<string, string>? extra = null) =>
        _browser.AuthorizeAsync(AuthorizationUri(scope, resources, extra), user, password, approve, TestContext.Current.CancellationToken);

    public Task<TokenResult> ExchangeAsync(string code, string? verifier = null, string? redirectUri = null, string[]? resources = null) =>
        TokenRequests.ExchangeCodeAsync(_backChannel, TokenEndpoint, ClientId, code, redirectUri ?? RedirectUri, verifier ?? Pkce.Verifier,
            resources, cancellationToken: TestContext.Current.CancellationToken);

    public Task<TokenResult> RefreshAsync(string refreshToken, string? scope = null) =>
        TokenRequests.RefreshAsync(_backChannel, TokenEndpoint, ClientId, refreshToken, scope, cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>Signs in, consents and exchanges the code.</summary>
    public async Task<TokenResult> SignInAsync(string user, string password, string scope, params string[] resources)
    {
        var callback = await AuthorizeAsync(user, password, scope, resources);
        Assert.Null(callback.Error);
        var tokens = await ExchangeAsync(callback.Code!);
        Assert.Null(tokens.Error);
        return tokens;
    }

    public void Dispose()
    {
        _browser.Dispose();
        _backChannel.Dispose();
    }
}
