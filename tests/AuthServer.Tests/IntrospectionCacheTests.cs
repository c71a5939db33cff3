using System.Net;
using AuthServer.Clients;
using AuthServer.Data;
using AuthServer.OAuth;
using AuthServer.Tests.Infrastructure;
using AuthServer.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Tests;

/// <summary>
/// Introspection remembers tokens whose signature it checked, and clients it looked up; neither may change an
/// answer: revocation, expiry and tampering count at once, a client changed elsewhere within seconds.
/// </summary>
[Collection(AuthServerCollection.Name)]
public sealed class IntrospectionCacheTests(AuthServerFixture fixture)
{
    [Fact]
    public async Task RevokedTokenIsInactiveRightAfterAnActiveAnswer()
    {
        using var client = fixture.CreateClient();
        var accessToken = await IssueAsync(client, "mcp:read");
        Assert.True(await IsActiveAsync(client, accessToken));
        Assert.True(await IsActiveAsync(client, accessToken));

        var (revoked, _) = await OAuthHttp.PostFormAsync(client, "/connect/revoke",
            [new("token", accessToken)], ("chat-service", TestSettings.ChatServiceSecret));

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        var (_, body) = await OAuthHttp.IntrospectAsync(client, accessToken);
        Assert.False(body.GetProperty("active").GetBoolean());
        Assert.Single(body.EnumerateObject());
    }

    [Fact]
    public async Task TamperedTokenCarryingTheJtiOfAnActiveTokenIsInactive()
    {
        using var client = fixture.CreateClient();
        var accessToken = await IssueAsync(client, "mcp:read");
        Assert.True(await IsActiveAsync(client, accessToken));
        var parts = accessToken.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("mcp:read", "mcp:admin", StringComparison.Ordinal);
        var signature = Base64UrlEncoder.DecodeBytes(parts[2]);
        signature[^1] ^= 0x01;

        Assert.False(await IsActiveAsync(client, $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}"));
        Assert.False(await IsActiveAsync(client, $"{parts[0]}.{parts[1]}.{Base64UrlEncoder.Encode(signature)}"));
        Assert.False(await IsActiveAsync(client, accessToken + "A"));
        Assert.True(await IsActiveAsync(client, accessToken));
    }

    [Fact]
    public async Task RepeatedAnswerDescribesTheTokenLikeTheFirst()
    {
        using var client = fixture.CreateClient();
        var accessToken = await IssueAsync(client, "mcp:read mcp:tools");

        var (_, first) = await OAuthHttp.IntrospectAsync(client, accessToken);
        var (_, second) = await OAuthHttp.IntrospectAsync(client, accessToken);

        Assert.Equal(first.GetRawText(), second.GetRawText());
        var jwt = new JsonWebToken(accessToken);
        Assert.Equal(jwt.Id, second.GetProperty("jti").GetString());
        Assert.Equal("mcp:read mcp:tools", second.GetProperty("scope").GetString());
        Assert.Equal(new DateTimeOffset(jwt.ValidTo).ToUnixTimeSeconds(), second.GetProperty("exp").GetInt64());
        Assert.Equal(new DateTimeOffset(jwt.ValidFrom).ToUnixTimeSeconds(), second.GetProperty("nbf").GetInt64());
    }

    [Fact]
    public async Task RememberedTokenIsInactiveOnceExpired()
    {
        using var client = fixture.CreateClient();
        var accessToken = await IssueAsync(client, "mcp:read");
        var clock = new SettableTime(DateTimeOffset.UtcNow);
        using var validator = ActivatorUtilities.CreateInstance<AccessTokenValidator>(
            fixture.Factory.Services, (TimeProvider)clock);
        var ct = TestContext.Current.CancellationToken;

        Assert.NotNull(await validator.IntrospectAsync(accessToken, ct));
        Assert.NotNull(await validator.IntrospectAsync(accessToken, ct));

        clock.Now = new DateTimeOffset(new JsonWebToken(accessToken).ValidTo, TimeSpan.Zero);
        Assert.Null(await validator.IntrospectAsync(accessToken, ct));

        clock.Now = new DateTimeOffset(new JsonWebToken(accessToken).ValidFrom, TimeSpan.Zero).AddSeconds(-1);
        Assert.Null(await validator.IntrospectAsync(accessToken, ct));
    }

    [Fact]
    public async Task ClientChangedInTheDatabaseTakesEffectWithinSeconds()
    {
        const string clientId = "introspection-cache-test";
        const string secret = "introspection-cache-test-secret-0123456789";
        var ct = TestContext.Current.CancellationToken;
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
            db.Clients.Add(new ClientApplication
            {
                ClientId = clientId,
                DisplayName = "Introspection cache test",
                ClientType = ClientTypes.Confidential,
                TokenEndpointAuthMethod = "client_secret_basic",
                SecretHash = SecretHasher.Hash(secret),
                CanIntrospect = true,
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync(ct);
        }

        using var client = fixture.CreateClient();
        var accessToken = await IssueAsync(client, "mcp:read");
        var (allowed, allowedBody) = await OAuthHttp.IntrospectAsync(client, accessToken, clientId, secret);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.True(allowedBody.GetProperty("active").GetBoolean());

        var (wrongSecret, _) = await OAuthHttp.IntrospectAsync(client, accessToken, clientId, secret + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);

        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
            await db.Clients.Where(c => c.ClientId == clientId).ExecuteUpdateAsync(s => s.SetProperty(c => c.CanIntrospect, false), ct);
        }

        var deadline = DateTime.UtcNow + ClientStore.CacheFor + TimeSpan.FromSeconds(3);
        HttpStatusCode status;
        do
        {
            await Task.Delay(250, ct);
            (var response, _) = await OAuthHttp.IntrospectAsync(client, accessToken, clientId, secret);
            status = response.StatusCode;
        }
        while (status == HttpStatusCode.OK && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    private static async Task<string> IssueAsync(HttpClient client, string scope)
    {
        var (response, issued) = await OAuthHttp.ClientCredentialsAsync(client, scope);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return issued.GetProperty("access_token").GetString()!;
    }

    private static async Task<bool> IsActiveAsync(HttpClient client, string token)
    {
        var (response, body) = await OAuthHttp.IntrospectAsync(client, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return body.GetProperty("active").GetBoolean();
    }

    private sealed class SettableTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
