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
