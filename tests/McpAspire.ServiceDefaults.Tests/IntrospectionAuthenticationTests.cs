using McpAspire.Testing.OAuth;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using McpAspire.ServiceDefaults.Authentication;
using McpAspire.ServiceDefaults.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace McpAspire.ServiceDefaults.Tests;

public sealed class IntrospectionAuthenticationTests
{
    private const string Audience = "http://127.0.0.1:5999/mcp";

    private static CancellationToken Timeout(int seconds = 90) =>
        CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken, new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token).Token;

    internal static Task<TestApp> StartResourceAsync(
        StubAuthorizationServer stub, string? redis, CancellationToken ct, Dictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["TokenValidation:Issuer"] = stub.Issuer,
            ["TokenValidation:Audience"] = Audience,
            ["TokenValidation:ClientId"] = StubAuthorizationServer.ClientId,
            ["TokenValidation:ClientSecret"] = StubAuthorizationServer.ClientSecret,
        };
        if (redis is not null)
        {
            configuration["ConnectionStrings:cache"] = redis;
        }

        foreach (var (key, value) in settings ?? [])
        {
            configuration[key] = value;
        }

        return TestApp.StartAsync(
            configuration,
            builder =>
            {
                builder.AddServiceDefaults();
                if (redis is not null)
                {
                    builder.AddRedisClient("cache");
                }

                builder.AddIntrospectionAuthentication();
                configure?.Invoke(builder);
            },
            app =>
            {
                app.MapDefaultEndpoints();
                app.MapGet("/me", (ClaimsPrincipal user) => Results.Json(new
                {
                    name = user.Identity!.Name,
                    scheme = user.Identity.AuthenticationType,
                    claims = user.Claims.Select(c => $"{c.Type}={c.Value}").ToArray(),
                })).RequireAuthorization();
            },
            ct);
    }

    private static async Task<HttpResponseMessage> CallAsync(TestApp app, string? token, CancellationToken ct)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request, ct);
    }

    private static async Task<HttpStatusCode> StatusAsync(TestApp app, string? token, CancellationToken ct)
    {
        using var response = await CallAsync(app, token, ct);
        return response.StatusCode;
    }

    private static async Task PublishRevocationAsync(ConnectionMultiplexer publisher, string jti, CancellationToken ct)
    {
        var channel = new RedisChannel(IntrospectionDefaults.RevocationChannel, RedisChannel.PatternMode.Literal);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await publisher.GetSubscriber().PublishAsync(channel, jti) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no resource server subscribed to the revocation channel");
            await Task.Delay(50, ct);
        }
    }

    [Fact]
    public async Task An_active_token_for_this_audience_authenticates_with_the_introspected_claims()
    {
        var ct = Timeout();
        await using var stub = await StubAuthorizationServer.StartAsync(ct);
        await using var redis = await RedisServer.StartAsync(ct);
        await using var app = await StartResourceAsync(stub, redis.ConnectionString, ct);
        var (token, issued) = stub.Issue(Audience, scope: "mcp:read mcp:tools");

        using var response = await CallAsync(app, token, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement;
        Assert.Equal("alice", body.GetProperty("name").GetString());
        Assert.Equal(IntrospectionDefaults.AuthenticationScheme, body.GetProperty("scheme").GetString());
        var claims = body.GetProperty("claims").EnumerateArray().Select(c => c.GetString()).ToHashSet();
        Assert.Contains("sub=alice-id", claims);
        Assert.Contains("client_id=chat-web", claims);
        Assert.Contains("scope=mcp:read mcp:tools", claims);
        Assert.Contains($"aud={Audience}", claims);
        Assert.Contains($"jti={issued.Jti}", claims);
        Assert.Contains($"exp={issued.Exp}", claims);
        Assert.Contains($"iat={issued.Iat}", claims);
        Assert.Contains("username=alice", claims);
    }

    [Fact]
    public async Task Tokens_for_another_audience_or_issuer_and_unknown_tokens_get_401_and_no_token_gets_a_plain_challenge()
    {
        var ct = Timeout();
        await using var stub = await StubAuthorizationServer.StartAsync(ct);
        await using var app = await StartResourceAsync(stub, null, ct);

        var (otherAudience, _) = stub.Issue("http://127.0.0.1:5998/api");
        var (otherIssuer, _) = stub.Issue(Audience, issuer: "http://127.0.0.1:1");
        var (expired, _) = stub.Issue(Audience, lifetime: TimeSpan.FromSeconds(-5));
        foreach (var token in new[] { otherAudience, otherIssuer, expired, "not-a-token-anyone-issued" })
        {
            using var refused = await CallAsync(app, token, ct);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("Bearer error=\"invalid_token\"", refused.Headers.WwwAuthenticate.ToString());
        }

        using var anonymous = await CallAsync(app, null, ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.ToString());

        var introspector = app.Services.GetRequiredService<ITokenIntrospector>();
        var result = await introspector.IntrospectAsync(otherAudience, ct);
        Assert.Equal(TokenIntrospectionStatus.Invalid, result.Status);
        Assert.Contains("aud", result.FailureReason, StringComparison.Ordinal);
        Assert.DoesNotContain(otherAudience, result.FailureReason, StringComparison.Ordinal);
        Assert.Null(result.CreatePrincipal());
        Assert.Contains("issuer", (await introspector.IntrospectAsync(otherIssuer, ct)).FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hundred_concurrent_requests_with_a_new_token_cause_exactly_one_introspection()
    {
        var ct = Timeout();
        await using var stub = await StubAuthorizationServer.StartAsync(ct);
        await using var redis = await RedisServer.StartAsync(ct);
        await using var app = await StartResourceAsync(stub, redis.ConnectionString, ct);
        var (warmUp, _) = stub.Issue(Audience);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, warmUp, ct));

        var counts = new ConcurrentDictionary<string, long>();
        using var listener = ListenToTokenMetrics(app, counts);
        stub.IntrospectionDelay = TimeSpan.FromMilliseconds(300);
        var before = stub.Introspections;
        var (token, _) = stub.Issue(Audience);

        using var client = app.CreateClient();
        var calls = Enumerable.Range(0, 100).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.SendAsync(request, ct);
            return response.StatusCode;
        });
        var statuses = await Task.WhenAll(calls);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(1, stub.Introspections - before);
        Assert.True(counts.GetValueOrDefault("mcpaspire.token_validation.cache.misses") >= 1);
        Assert.Equal(1, counts.GetValueOrDefault("mcpaspire.token_validation.introspection.duration"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, token, ct));
        Assert.True(counts.GetValueOrDefault("mcpaspire.token_validation.cache.hits") >= 1);
    }

    [Fact]
    public async Task A_revoked_token_stops_working_within_a_second_although_it_is_cached_in_process_and_in_Redis()
    {
        var ct = Timeout();
        await using var stub = await StubAuthorizationServer.StartAsync(ct);
        await using var redis = await RedisServer.StartAsync(ct);
        await using var app = await StartResourceAsync(stub, redis.ConnectionString, ct);
        var (token, issued) = stub.Issue(Audience);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, token, ct));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, token, ct));
        Assert.Equal(1, stub.Introspections);

        using var inspect = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var db = inspect.GetDatabase();
        var entryKey = $"mcpaspire:introspection:{StubAuthorizationServer.ClientId}:{Sha256Hex(token)}";
        var indexKey = $"mcpaspire:introspection:{StubAuthorizationServer.ClientId}:jti:{issued.Jti}";
        await WaitUntilAsync(async () => (await db.KeyExistsAsync(entryKey)) && (await db.KeyExistsAsync(indexKey)), ct);

        stub.Revoke(token);
        var watch = Stopwatch.StartNew();
        await PublishRevocationAsync(inspect, issued.Jti, ct);
        while (await StatusAsync(app, token, ct) != HttpStatusCode.Unauthorized)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), "the revoked token still works after a second");
            await Task.Delay(10, ct);
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        await WaitUntilAsync(async () => !await db.KeyExistsAsync(indexKey), ct);
        var value = await db.StringGetAsync(entryKey);
        Assert.True(value.IsNull || !((string)value!).Contains("\"active\":true", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_Redis_entry_holds_only_claims_is_shared_by_replicas_and_lives_no_longer_than_the_token()
    {
        var ct = Timeout();
        await using var stub = await StubAuthorizationServer.StartAsync(ct);
        await using var redis = await RedisServer.StartAsync(ct);
        await using var first = await StartResourceAsync(stub, redis.ConnectionString, ct);
        await using var second = await StartResourceAsync(stub, redis.ConnectionString, ct);
        var (token, _) = stub.Issue(Audience, lifetime: TimeSpan.FromSeconds(20));

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(first, token, ct));
        using var inspect = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var db = inspect.GetDatabase();
        var entryKey = $"mcpaspire:introspection:{StubAuthorizationServer.ClientId}:{Sha256Hex(token)}";
        await WaitUntilAsync(async () => await db.KeyExistsAsync(entryKey), ct);

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(second, token, ct));
        Assert.Equal(1, stub.Introspections);

        var ttl = await db.KeyTimeToLiveAsync(entryKey);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20));
        string value = (await db.StringGetAsync(entryKey))!;
        Assert.DoesNotContain(token, value, StringComparison.Ordinal);
        Assert.Contains("\"sub\":\"alice-id\"", value, StringComparison.Ordinal);

        var (longLived, _) = stub.Issue(Audience, lifetime: TimeSpan.FromHours(5));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(first, longLived, ct));
        var longKey = $"mcpaspire:introspection:{StubAuthorizationServer.ClientId}:{Sha256Hex(longLived)}";
        await WaitUntilAsync(async () => await db.KeyExistsAsync(longKey), ct);
        Assert.InRange((await db.KeyTimeToLiveAsync(longKey))!.Value, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task Refused_tokens_are_remembered_for_the_negative_cache_duration_only()
    {
        var ct = Timeout();
        await using var stub = await StubAuthorizationServer.StartAsync(ct);
        await using var redis = await RedisServer.StartAsync(ct);
        await using var app = await StartResourceAsync(stub, redis.ConnectionString, ct, new() { ["TokenValidation:NegativeCacheDuration"] = "00:00:01" });

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(app, "unknown-token", ct));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(app, "unknown-token", ct));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(app, "unknown-token", ct));
        Assert.Equal(1, stub.Introspections);

        await Task.Delay(TimeSpan.FromMilliseconds(1300), ct);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(app, "unknown-token", ct));
        Assert.Equal(2, stub.Introspections);
    }

    [Fact]
    public async Task With_Redis_down_tokens_are_introspected_directly_and_the_service_keeps_serving_with_degraded_health()
    {
        var ct = Timeout();
        await using var stub = await StubAuthorizationServer.StartAsync(ct);
        var redis = await RedisServer.StartAsync(ct);
        await using var app = await StartResourceAsync(stub, redis.ConnectionString, ct);
        var (before, _) = stub.Issue(Audience);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, before, ct));

        await redis.DisposeAsync();
        await WaitUntilAsync(() => Task.FromResult(!app.Services.GetRequiredService<IConnectionMultiplexer>().IsConnected), ct);

        var (after, _) = stub.Issue(Audience);
        var watch = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, after, ct));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, before, ct));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(app, "unknown-token", ct));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");

        using var client = app.CreateClient();
        using var health = await client.GetAsync("/health", ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Degraded", await health.Content.ReadAsStringAsync(ct));
    }

    [Fact]
    public async Task With_the_authorization_server_down_cached_tokens_keep_working_and_new_ones_get_503()
    {
        var ct = Timeout();
        var stub = await StubAuthorizationServer.StartAsync(ct);
        await using var redis = await RedisServer.StartAsync(ct);
        await using var app = await StartResourceAsync(stub, redis.ConnectionString, ct);
        var (cached, _) = stub.Issue(Audience);
        var (fresh, _) = stub.Issue(Audience);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, cached, ct));
        using var inspect = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        await WaitUntilAsync(async () => await inspect.GetDatabase().KeyExistsAsync($"mcpaspire:introspection:{StubAuthorizationServer.ClientId}:{Sha256Hex(cached)}"), ct);

        await stub.DisposeAsync();

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, cached, ct));
        using (var unavailable = await CallAsync(app, fresh, ct))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
            Assert.NotNull(unavailable.Headers.RetryAfter);
        }

        var result = await app.Services.GetRequiredService<ITokenIntrospector>().IntrospectAsync(fresh, ct);
        Assert.Equal(TokenIntrospectionStatus.Unavailable, result.Status);
        Assert.IsType<IntrospectionUnavailableException>(result.Failure);
        Assert.True(result.Failure!.InnerException is HttpRequestException or TimeoutException);

        // A replica with an empty in-process cache is answered from Redis.
        await using var replica = await StartResourceAsync(stub, redis.ConnectionString, ct);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(replica, cached, ct));
    }

    [Fact]
    public async Task When_the_authorization_server_is_down_from_the_start_new_tokens_get_503_quickly()
    {
        var ct = Timeout();
        var stub = await StubAuthorizationServer.StartAsync(ct);
        var tokens = Enumerable.Range(0, 20).Select(_ => stub.Issue(Audience).Token).ToArray();
        await stub.DisposeAsync();
        await using var app = await StartResourceAsync(stub, null, ct);

        var watch = Stopwatch.StartNew();
        var statuses = await Task.WhenAll(tokens.Select(t => StatusAsync(app, t, ct)));
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.ServiceUnavailable, s));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task No_log_line_at_any_level_contains_a_token_or_the_client_secret()
    {
        var ct = Timeout();
        var logs = new ConcurrentQueue<string>();
        await using var stub = await StubAuthorizationServer.StartAsync(ct);
        await using var redis = await RedisServer.StartAsync(ct);
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == IntrospectionDefaults.TelemetryName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var app = await StartResourceAsync(stub, redis.ConnectionString, ct, configure: builder =>
        {
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            builder.Logging.AddProvider(new CollectingLoggerProvider(logs));
        });
        var (good, issued) = stub.Issue(Audience);
        var (foreign, _) = stub.Issue("http://127.0.0.1:5998/api");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, good, ct));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(app, foreign, ct));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(app, "garbage-token-value", ct));
        await stub.DisposeAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusAsync(app, stub.Issue(Audience).Token, ct));

        Assert.NotEmpty(logs);
        Assert.Contains(logs, l => l.Contains("/connect/introspect", StringComparison.Ordinal));
        foreach (var line in logs)
        {
            Assert.DoesNotContain(good, line, StringComparison.Ordinal);
            Assert.DoesNotContain(foreign, line, StringComparison.Ordinal);
            Assert.DoesNotContain("garbage-token-value", line, StringComparison.Ordinal);
            Assert.DoesNotContain(StubAuthorizationServer.ClientSecret, line, StringComparison.Ordinal);
        }

        var spans = activities.Where(a => a.OperationName == "token introspection").ToArray();
        Assert.Contains(spans, a => (string?)a.GetTagItem("mcpaspire.token.outcome") == "active" && (string?)a.GetTagItem("mcpaspire.token.client_id") == issued.ClientId);
        Assert.Contains(spans, a => (string?)a.GetTagItem("mcpaspire.token.outcome") == "unavailable" && a.Status == ActivityStatusCode.Error);
        Assert.All(spans, a => Assert.All(a.TagObjects, t => Assert.DoesNotContain(good, t.Value?.ToString() ?? "", StringComparison.Ordinal)));
    }

    private sealed class CollectingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }

    [Fact]
    public async Task Missing_token_validation_settings_stop_the_start_naming_the_key()
    {
        var ct = Timeout();
        await using var stub = await StubAuthorizationServer.StartAsync(ct);
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => StartResourceAsync(stub, null, ct, new()
        {
            ["TokenValidation:Audience"] = "",
            ["TokenValidation:ClientSecret"] = "",
        }));
        Assert.Contains("TokenValidation:Audience", failure.Message, StringComparison.Ordinal);
        Assert.Contains("TokenValidation:ClientSecret", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(StubAuthorizationServer.ClientSecret, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_endpoints_stay_open_when_every_other_endpoint_requires_a_token()
    {
        var ct = Timeout();
        await using var stub = await StubAuthorizationServer.StartAsync(ct);
        await using var app = await StartResourceAsync(stub, null, ct, configure: builder =>
            builder.Services.AddAuthorizationBuilder().SetFallbackPolicy(
                new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build()));
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/anything-else", ct)).StatusCode);
        Assert.Equal(0, stub.Introspections);
    }

    [Fact]
    public void The_user_token_header_and_scheme_names_are_the_agreed_ones()
    {
        Assert.Equal("X-User-Token", IntrospectionDefaults.UserTokenHeader);
        Assert.Equal("Introspection", IntrospectionDefaults.AuthenticationScheme);
        Assert.Equal("mcpaspire:revocations", IntrospectionDefaults.RevocationChannel);
    }

    internal static string Sha256Hex(string token) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(20, ct);
        }
    }

    private static MeterListener ListenToTokenMetrics(TestApp app, ConcurrentDictionary<string, long> counts)
    {
        var factory = app.Services.GetRequiredService<IMeterFactory>();
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == IntrospectionDefaults.TelemetryName && instrument.Meter.Scope == factory)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => counts.AddOrUpdate(instrument.Name, value, (_, v) => v + value));
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) => counts.AddOrUpdate(instrument.Name, 1, (_, v) => v + 1));
        listener.Start();
        return listener;
    }
}
