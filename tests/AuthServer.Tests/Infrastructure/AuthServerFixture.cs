using McpAspire.Testing.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using StackExchange.Redis;

namespace AuthServer.Tests.Infrastructure;

/// <summary>One PostgreSQL and one Redis for the collection, and AuthServer in process against them.</summary>
public sealed class AuthServerFixture : IAsyncLifetime
{
    private PostgresServer? _postgres;
    private RedisServer? _redis;

    public AuthServerFactory Factory { get; private set; } = null!;

    public Dictionary<string, string?> Settings { get; private set; } = [];

    public ConnectionMultiplexer Redis { get; private set; } = null!;

    public string AuthDbConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        _postgres = await PostgresServer.StartAsync(timeout.Token);
        await _postgres.CreateDatabaseAsync("authdb", timeout.Token);
        _redis = await RedisServer.StartAsync(timeout.Token);
        AuthDbConnectionString = _postgres.ConnectionString("authdb");
        Settings = TestSettings.For(AuthDbConnectionString, _redis.ConnectionString);
        Factory = new AuthServerFactory(Settings);
        Factory.Server.BaseAddress.ToString();
        Redis = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
    }

    /// <summary>A client that neither follows redirects nor (unless asked) keeps cookies.</summary>
    public HttpClient CreateClient(bool cookies = false) =>
        Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = cookies });

    public async ValueTask DisposeAsync()
    {
        if (Redis is not null)
        {
            await Redis.CloseAsync();
            Redis.Dispose();
        }

        if (Factory is not null)
        {
            await Factory.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
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
