using System.Net.Http.Headers;

namespace ChatService.Tests.Infrastructure;

/// <summary>
/// One real PostgreSQL (chatdb), a fake authorization server and a fake McpResource, shared by a collection;
/// ChatService instances are created against them with whatever settings a test needs.
/// </summary>
public sealed class ChatFixture : IAsyncLifetime
{
    public const string ChatAudience = "http://chat-service.test/api";

    private readonly List<ChatServiceFactory> _factories = [];
    private readonly SemaphoreSlim _realMcpGate = new(1, 1);
    private PostgresServer? _postgres;
    private RedisServer? _redis;
    private RealMcpResource? _realMcp;
    private string? _realMcpUri;

    public FakeAuthorizationServer Auth { get; private set; } = null!;

    public FakeMcpResource Mcp { get; private set; } = null!;

    /// <summary>ChatService with the built-in planner, talking to the fake McpResource.</summary>
    public ChatServiceFactory Chat { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        _postgres = await PostgresServer.StartAsync(timeout.Token);
        await _postgres.CreateDatabaseAsync("chatdb", timeout.Token);
        _redis = await RedisServer.StartAsync(timeout.Token);
        Auth = await FakeAuthorizationServer.StartAsync(timeout.Token);
        Mcp = await FakeMcpResource.StartAsync(Auth, timeout.Token);
        Chat = CreateChat();
    }

    public Dictionary<string, string?> Settings() => new()
    {
        ["ConnectionStrings:chatdb"] = _postgres!.ConnectionString("chatdb"),
        ["ConnectionStrings:cache"] = _redis!.ConnectionString,
        ["TokenValidation:Issuer"] = Auth.Issuer,
        ["TokenValidation:Audience"] = ChatAudience,
        ["TokenValidation:ClientId"] = FakeAuthorizationServer.ChatClientId,
        ["TokenValidation:ClientSecret"] = FakeAuthorizationServer.ChatClientSecret,
        ["ChatService:McpResourceUri"] = Mcp.Uri,
    };

    public ChatServiceFactory CreateChat(Action<Dictionary<string, string?>>? configure = null)
    {
        var settings = Settings();
        configure?.Invoke(settings);
        var factory = new ChatServiceFactory(settings);
        _factories.Add(factory);
        return factory;
    }

    /// <summary>The real McpResource on a loopback port (started on first use, with its own mcpdb); returns its canonical URI.</summary>
    public async Task<string> RealMcpResourceAsync(CancellationToken cancellationToken)
    {
        await _realMcpGate.WaitAsync(cancellationToken);
        try
        {
            if (_realMcpUri is null)
            {
                await _postgres!.CreateDatabaseAsync("mcpdb", cancellationToken);
                var uri = $"http://127.0.0.1:{FreePorts.Next()}/mcp";
                _realMcp = new RealMcpResource(new Dictionary<string, string?>
                {
                    ["ConnectionStrings:mcpdb"] = _postgres.ConnectionString("mcpdb"),
                    ["ConnectionStrings:cache"] = _redis!.ConnectionString,
                    ["TokenValidation:Issuer"] = Auth.Issuer,
                    ["TokenValidation:ClientId"] = FakeAuthorizationServer.McpClientId,
                    ["TokenValidation:ClientSecret"] = FakeAuthorizationServer.McpClientSecret,
                }, uri);
                _realMcp.Start(new Uri(uri).Port);
                _realMcpUri = uri;
            }

            return _realMcpUri;
        }
        finally
        {
            _realMcpGate.Release();
        }
    }

    public Task CreateDatabaseAsync(string name, CancellationToken cancellationToken) => _postgres!.CreateDatabaseAsync(name, cancellationToken);

    /// <summary>A connection to the real McpResource's database.</summary>
    public string RealMcpDatabase => _postgres!.ConnectionString("mcpdb");

    /// <summary>An HTTP client for the chat API signed in as a user whose token covers ChatService and McpResource.</summary>
    public HttpClient ClientFor(ChatServiceFactory factory, string user, string scope, bool forTools = true, string? mcpUri = null)
    {
        var token = Auth.IssueUserToken("sub-" + user, user, scope, forTools ? [ChatAudience, mcpUri ?? Mcp.Uri] : [ChatAudience]);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var factory in _factories)
        {
            await factory.DisposeAsync();
        }

        if (_realMcp is not null)
        {
            await _realMcp.DisposeAsync();
        }

        _realMcpGate.Dispose();
        if (Mcp is not null)
        {
            await Mcp.DisposeAsync();
        }

        if (Auth is not null)
        {
            await Auth.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ChatCollection : ICollectionFixture<ChatFixture>
{
    public const string Name = "chat";
}
