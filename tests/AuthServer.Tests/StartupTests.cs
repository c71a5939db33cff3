using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using AuthServer.Data;
using AuthServer.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AuthServer.Tests;

[Collection(AuthServerCollection.Name)]
public sealed class StartupTests(AuthServerFixture fixture)
{
    [Fact]
    public async Task HealthChecksTheDatabaseAndRedisAndAliveOnlyTheProcess()
    {
        using var client = fixture.CreateClient();
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        var ct = TestContext.Current.CancellationToken;

        using var health = await client.GetAsync("/health", ct);
        using var alive = await client.GetAsync("/alive", ct);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync(ct));
        Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
        var checks = report.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("authdb").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("cache").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        using var liveness = JsonDocument.Parse(await alive.Content.ReadAsStringAsync(ct));
        Assert.Equal(["self"], liveness.RootElement.GetProperty("checks").EnumerateObject().Select(c => c.Name));
    }

    [Fact]
    public async Task ATokenRequestIsTracedAndCountedByGrantType()
    {
        var spans = new System.Collections.Concurrent.ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "McpAspire.AuthServer",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var counted = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "McpAspire.AuthServer" && instrument.Name == "mcpaspire.auth.token_requests")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "grant_type")
                {
                    counted.Enqueue((string)tag.Value!);
                }
            }
        });
        meters.Start();
        using var client = fixture.CreateClient();

        var (response, _) = await OAuthHttp.ClientCredentialsAsync(client, "mcp:read");
        response.Dispose();

        Assert.Single(spans, s => s.OperationName == "token client_credentials");
        Assert.Contains("client_credentials", counted);
    }

    [Fact]
    public async Task MissingClientSecretStopsTheStartNamingTheKey()
    {
        var settings = new Dictionary<string, string?>(fixture.Settings) { ["AuthServer:Clients:chat-service:ClientSecret"] = null };
        await using var factory = new AuthServerFactory(settings);

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("AuthServer:Clients:chat-service:ClientSecret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplicasStartingTogetherOnAFreshDatabaseShareOneSchemaAndOneSigningKey()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = "replicas_" + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = new NpgsqlConnection(fixture.AuthDbConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync(ct);
        }

        var connectionString = new NpgsqlConnectionStringBuilder(fixture.AuthDbConnectionString) { Database = database }.ConnectionString;
        var settings = new Dictionary<string, string?>(fixture.Settings) { ["ConnectionStrings:authdb"] = connectionString };
        await using var first = new AuthServerFactory(settings);
        await using var second = new AuthServerFactory(settings);

        await Task.WhenAll(Task.Run(() => first.Server, ct), Task.Run(() => second.Server, ct));

        using var a = first.CreateClient();
        using var b = second.CreateClient();
        var jwksA = await a.GetStringAsync("/.well-known/jwks.json", ct);
        var jwksB = await b.GetStringAsync("/.well-known/jwks.json", ct);
        Assert.Equal(jwksA, jwksB);
        await using var scope = first.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        Assert.Equal(1, await db.SigningKeys.CountAsync(ct));
        Assert.Equal(3, await db.Clients.CountAsync(c => !c.IsDynamic, ct));
        Assert.Equal(3, await db.Users.CountAsync(ct));
    }

    [Fact]
    public async Task SweeperDeletesExpiredCodesAndKeepsLiveOnes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var now = DateTimeOffset.UtcNow;
        AuthorizationCode Code(string hash, DateTimeOffset expires) => new()
        {
            CodeHash = hash, GrantId = Guid.NewGuid(), ClientId = "chat-web", Subject = "s", RedirectUri = "", CodeChallenge = "c",
            Scopes = "mcp:read", CreatedAt = expires.AddMinutes(-5), ExpiresAt = expires, AuthTime = expires,
        };
        var expired = "expired-" + Guid.NewGuid().ToString("N");
        var live = "live-" + Guid.NewGuid().ToString("N");
        db.AuthorizationCodes.AddRange(Code(expired, now.AddDays(-3)), Code(live, now.AddMinutes(5)));
        await db.SaveChangesAsync(ct);

        await fixture.Factory.Services.GetRequiredService<ExpiredDataSweeper>().SweepAsync(ct);

        Assert.False(await db.AuthorizationCodes.AnyAsync(c => c.CodeHash == expired, ct));
        Assert.True(await db.AuthorizationCodes.AnyAsync(c => c.CodeHash == live, ct));
    }
}
