using McpAspire.Testing.OAuth;
using McpResource.Authorization;
using Npgsql;

namespace McpResource.Tests.Infrastructure;

/// <summary>
/// McpResource on Kestrel with the real introspection handler from ServiceDefaults, a real Redis and PostgreSQL,
/// and a stub RFC 7662 authorization server that issues opaque tokens.
/// </summary>
public sealed class IntrospectionFixture : IAsyncLifetime
{
    private PostgresServer? _postgres;
    private McpResourceHost? _host;

    public StubAuthorizationServer AuthorizationServer { get; private set; } = null!;

    public PostgresServer Postgres => _postgres ?? throw new InvalidOperationException("The fixture has not started.");

    public RedisServer Redis { get; private set; } = null!;

    public Uri Endpoint { get; private set; } = null!;

    public string Audience { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        _postgres = await PostgresServer.StartAsync(timeout.Token);
        await _postgres.CreateDatabaseAsync("mcpdb", timeout.Token);
        Redis = await RedisServer.StartAsync(timeout.Token);
        AuthorizationServer = await StubAuthorizationServer.StartAsync(timeout.Token);

        var port = FreePorts.Next();
        Audience = $"http://127.0.0.1:{port}/mcp";
        _host = new McpResourceHost(new Dictionary<string, string?>
        {
            ["ConnectionStrings:mcpdb"] = _postgres.ConnectionString("mcpdb"),
            ["ConnectionStrings:cache"] = Redis.ConnectionString,
            ["TokenValidation:Issuer"] = AuthorizationServer.Issuer,
            ["TokenValidation:Audience"] = Audience,
            ["TokenValidation:ClientId"] = StubAuthorizationServer.ClientId,
            ["TokenValidation:ClientSecret"] = StubAuthorizationServer.ClientSecret,
        });
        Endpoint = _host.Start(port);
    }

    public HttpClient CreateClient(string? token = null, string? userToken = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(Endpoint.GetLeftPart(UriPartial.Authority)) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        if (userToken is not null)
        {
            client.DefaultRequestHeaders.Add(McpHeaders.UserToken, userToken);
        }

        return client;
    }

    public string UserToken(string sub, string username, string scope, string? audience = null) =>
        AuthorizationServer.Issue(audience ?? Audience, sub, scope, "chat-web", username).Token;

    public string ServiceToken(string scope = "mcp:read mcp:write mcp:tools mcp:admin") =>
        AuthorizationServer.Issue(Audience, "chat-service", scope, "chat-service", username: null).Token;

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        await AuthorizationServer.DisposeAsync();
        await Redis.DisposeAsync();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}
