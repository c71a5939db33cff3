using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using McpAspire.ServiceDefaults.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using StackExchange.Redis;

namespace McpAspire.ServiceDefaults.Tests;

public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options);

public sealed class HealthAndDataTests
{
    private static CancellationToken Timeout(int seconds = 60) =>
        CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken, new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token).Token;

    private static Task<TestApp> StartServiceAsync(string? database, string? redis, CancellationToken ct)
    {
        var configuration = new Dictionary<string, string?>();
        if (database is not null)
        {
            configuration["ConnectionStrings:testdb"] = database;
        }

        if (redis is not null)
        {
            configuration["ConnectionStrings:cache"] = redis;
        }

        return TestApp.StartAsync(
            configuration,
            builder =>
            {
                builder.AddServiceDefaults();
                builder.AddNpgsqlDbContext<TestDbContext>("testdb");
                builder.AddRedisClient("cache");
            },
            app => app.MapDefaultEndpoints(),
            ct);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetHealthJsonAsync(HttpClient client, string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await client.SendAsync(request, ct);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.Clone();
        return (response.StatusCode, body);
    }

    [Fact]
    public async Task Health_is_200_when_the_database_and_Redis_answer_and_lists_both_checks()
    {
        var ct = Timeout();
        await using var postgres = await PostgresServer.StartAsync(ct);
        await postgres.CreateDatabaseAsync("testdb", ct);
        await using var redis = await RedisServer.StartAsync(ct);
        await using var service = await StartServiceAsync(postgres.ConnectionString("testdb"), redis.ConnectionString, ct);
        using var client = service.CreateClient();

        var (status, body) = await GetHealthJsonAsync(client, "/health", ct);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("testdb").GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("cache").GetProperty("status").GetString());
        Assert.False(body.GetProperty("checks").TryGetProperty("self", out _));

        var plain = await client.GetStringAsync("/alive", ct);
        Assert.Equal("Healthy", plain);

        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        Assert.True(await db.Database.CanConnectAsync(ct));
        var effective = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        Assert.True(effective.NoResetOnClose);
        Assert.Equal(20, effective.MaxAutoPrepare);
    }

    [Fact]
    public async Task Health_turns_503_when_the_database_stops_while_alive_stays_200()
    {
        var ct = Timeout();
        var postgres = await PostgresServer.StartAsync(ct);
        await using var redis = await RedisServer.StartAsync(ct);
        var stopped = false;
        try
        {
            await postgres.CreateDatabaseAsync("testdb", ct);
            await using var service = await StartServiceAsync(postgres.ConnectionString("testdb"), redis.ConnectionString, ct);
            using var client = service.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", ct)).StatusCode);

            stopped = true;
            await postgres.DisposeAsync();

            var (status, body) = await GetHealthJsonAsync(client, "/health", ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("Unhealthy", body.GetProperty("checks").GetProperty("testdb").GetProperty("status").GetString());
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive", ct)).StatusCode);
        }
        finally
        {
            if (!stopped)
            {
                await postgres.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Redis_down_reports_degraded_health_but_keeps_200_and_the_service_starts()
    {
        var ct = Timeout();
        await using var postgres = await PostgresServer.StartAsync(ct);
        await postgres.CreateDatabaseAsync("testdb", ct);
        var deadRedis = $"127.0.0.1:{FreePorts.Next()}";
        await using var service = await StartServiceAsync(postgres.ConnectionString("testdb"), deadRedis, ct);
        using var client = service.CreateClient();

        var (status, body) = await GetHealthJsonAsync(client, "/health", ct);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", body.GetProperty("status").GetString());
        Assert.Equal("Degraded", body.GetProperty("checks").GetProperty("cache").GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("testdb").GetProperty("status").GetString());
        Assert.False(service.Services.GetRequiredService<IConnectionMultiplexer>().IsConnected);
    }

    [Fact]
    public async Task A_missing_connection_string_stops_the_start_with_a_message_naming_the_key()
    {
        var ct = Timeout();
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => StartServiceAsync(null, "127.0.0.1:1", ct));
        Assert.Contains("ConnectionStrings:testdb", failure.Message, StringComparison.Ordinal);

        failure = await Assert.ThrowsAnyAsync<Exception>(() => StartServiceAsync("Host=127.0.0.1;Database=x", null, ct));
        Assert.Contains("ConnectionStrings:cache", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=h;Database=d", true, 20)]
    [InlineData("Host=h;Database=d;No Reset On Close=false", false, 20)]
    [InlineData("Host=h;Database=d;max auto prepare=5", true, 5)]
    public void Throughput_settings_are_added_only_where_the_connection_string_does_not_set_them(string given, bool noReset, int maxAutoPrepare)
    {
        var effective = new NpgsqlConnectionStringBuilder(Data.ConnectionStringSettings.AddNpgsqlDefaults(given));
        Assert.Equal(noReset, effective.NoResetOnClose);
        Assert.Equal(maxAutoPrepare, effective.MaxAutoPrepare);
        Assert.Equal("h", effective.Host);
    }
}
