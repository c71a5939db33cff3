using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace McpAspire.ServiceDefaults.Authentication;

/// <summary>
/// The token check of the hot path. Tokens are known by the SHA-256 of their text only (never stored or logged).
/// <list type="number">
/// <item>In-process cache (L1): short-lived, bounded; a hit costs a hash and a dictionary lookup.</item>
/// <item>Redis (L2): <c>mcpaspire:introspection:&lt;ns&gt;:&lt;sha256&gt;</c> holding only the needed claims, TTL
/// min(exp − now, MaxCacheDuration); refused tokens for NegativeCacheDuration; <c>&lt;ns&gt;:jti:&lt;jti&gt;</c> → hash
/// so revocation events (jti) can evict.</item>
/// <item>Introspection at the authorization server, one in flight per token however many requests wait on it.</item>
/// </list>
/// Redis unreachable: L1 and introspection only. Authorization server unreachable: cached results still answer,
/// others are <see cref="TokenIntrospectionStatus.Unavailable"/>.
/// </summary>
internal sealed class CachingTokenIntrospector : ITokenIntrospector
{
    private const int MaxTokenLength = 16 * 1024;
    private const int MaxRevokedRemembered = 100_000;
    private static readonly TimeSpan NotBeforeSkew = TimeSpan.FromSeconds(60);

    private readonly IntrospectionClient _client;
    private readonly TokenValidationOptions _options;
    private readonly TokenValidationMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly IntrospectionLog _log;
    private readonly IConnectionMultiplexer? _redis;
    private readonly string _keyPrefix;
    private readonly ConcurrentDictionary<string, LocalEntry> _local = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _localByTokenId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revoked = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<TokenIntrospectionResult>> _inFlight = new(StringComparer.Ordinal);
    private int _redisFailing;

    public CachingTokenIntrospector(
        IntrospectionClient client, IOptions<TokenValidationOptions> options, TokenValidationMetrics metrics, TimeProvider time,
        ILogger<CachingTokenIntrospector> logger, IServiceProvider services)
    {
        _client = client;
        _options = options.Value;
        _metrics = metrics;
        _time = time;
        _log = new IntrospectionLog(logger);
        _redis = services.GetService<IConnectionMultiplexer>();
        _keyPrefix = IntrospectionDefaults.CacheKeyPrefix + _options.EffectiveNamespace + ":";
    }

    private sealed record LocalEntry(TokenIntrospectionResult Result, DateTimeOffset Until);

    internal IConnectionMultiplexer? Redis => _redis;

    public ValueTask<TokenIntrospectionResult> IntrospectAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > MaxTokenLength)
        {
            return ValueTask.FromResult(TokenIntrospectionResult.Invalid("The token is malformed."));
        }

        var hash = Hash(token);
        if (_local.TryGetValue(hash, out var entry))
        {
            if (entry.Until > _time.GetUtcNow())
            {
                _metrics.HitL1();
                return ValueTask.FromResult(entry.Result);
            }

            RemoveLocal(hash, entry);
        }

        var shared = GetOrStartLoad(hash, token);
        return shared.IsCompleted ? ValueTask.FromResult(shared.Result) : new ValueTask<TokenIntrospectionResult>(shared.WaitAsync(cancellationToken));
    }

    /// <summary>The key of a token's cache entry in Redis (exposed for tests and tools; the input is the token's hash).</summary>
    internal string EntryKey(string tokenHash) => _keyPrefix + tokenHash;

    internal string TokenIdKey(string tokenId) => _keyPrefix + "jti:" + tokenId;

    internal static string Hash(string token)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(token.Length);
        byte[]? rented = null;
        Span<byte> buffer = maxBytes <= 2048 ? stackalloc byte[2048] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            var length = Encoding.UTF8.GetBytes(token, buffer);
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..length], digest);
            return Convert.ToHexStringLower(digest);
        }
        finally
        {
            if (rented is not null)
            {
                CryptographicOperations.ZeroMemory(rented);
                ArrayPool<byte>.Shared.Return(rented);
            }
            else
            {
                CryptographicOperations.ZeroMemory(buffer);
            }
        }
    }

    /// <summary>A revocation event: the token with this jti stops working here at once (L1, L2 and in-flight results).</summary>
    internal async Task RevokeAsync(string tokenId)
    {
        var now = _time.GetUtcNow();
        _revoked[tokenId] = now + _options.MaxCacheDuration;
        if (_revoked.Count > MaxRevokedRemembered)
        {
            foreach (var (id, until) in _revoked)
            {
                if (until <= now)
                {
                    _revoked.TryRemove(new KeyValuePair<string, DateTimeOffset>(id, until));
                }
            }
        }

        if (_localByTokenId.TryRemove(tokenId, out var localHash) && _local.TryRemove(localHash, out _))
        {
            _metrics.Evicted("l1", "revoked");
        }

        _log.Evicted(tokenId);
        if (!RedisUsable(out var db))
        {
            return;
        }

        try
        {
            var indexKey = (RedisKey)TokenIdKey(tokenId);
            var hash = await db.StringGetAsync(indexKey).WaitAsync(_options.RedisTimeout);
            if (hash.HasValue)
            {
                var deleted = await db.KeyDeleteAsync([EntryKey(hash!), indexKey]).WaitAsync(_options.RedisTimeout);
                if (deleted > 0)
                {
                    _metrics.Evicted("l2", "revoked");
                }
            }

            RedisWorked();
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            RedisFailed(exception);
        }
    }

    /// <summary>Forgets everything held in process (after Redis reconnects, revocation events may have been missed).</summary>
    internal void ClearLocal(string reason)
    {
        var count = _local.Count;
        _local.Clear();
        _localByTokenId.Clear();
        if (count > 0)
        {
            _metrics.Evicted("l1", reason, count);
        }
    }

    private Task<TokenIntrospectionResult> GetOrStartLoad(string hash, string token)
    {
        if (_inFlight.TryGetValue(hash, out var running))
        {
            return running;
        }

        var completion = new TaskCompletionSource<TokenIntrospectionResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var shared = _inFlight.GetOrAdd(hash, completion.Task);
        if (shared != completion.Task)
        {
            return shared;
        }

        _ = LoadAsync(hash, token, completion);
        return completion.Task;
    }

    private async Task LoadAsync(string hash, string token, TaskCompletionSource<TokenIntrospectionResult> completion)
    {
        TokenIntrospectionResult result;
        try
        {
            result = await LoadCoreAsync(hash, token);
        }
#pragma warning disable CA1031 // A waiting request must get an answer (503), never a hung task or a 500.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _log.Unexpected(exception);
            result = TokenIntrospectionResult.Unavailable(new IntrospectionUnavailableException("The token could not be checked.", new HttpRequestException(exception.GetType().Name, exception)));
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<string, Task<TokenIntrospectionResult>>(hash, completion.Task));
        }

        completion.SetResult(result);
    }

    private async Task<TokenIntrospectionResult> LoadCoreAsync(string hash, string token)
    {
        var cached = await ReadRedisAsync(hash);
        if (cached is not null)
        {
            _metrics.HitL2();
            StoreLocal(hash, cached.Value.Result, cached.Value.LocalFor);
            return cached.Value.Result;
        }

        _metrics.Miss();
        var result = await IntrospectAtServerAsync(token);
        if (!result.IsUnavailable)
        {
            Store(hash, result);
        }

        return result;
    }

    private async Task<TokenIntrospectionResult> IntrospectAtServerAsync(string token)
    {
        using var activity = TokenValidationMetrics.ActivitySource.StartActivity("token introspection", ActivityKind.Client);
        var started = Stopwatch.GetTimestamp();
        using var timeout = new CancellationTokenSource(_options.IntrospectionTimeout);
        TokenIntrospectionResult result;
        string outcome;
        try
        {
            var response = await _client.IntrospectAsync(token, timeout.Token);
            result = Validate(response, _time.GetUtcNow());
            if (result.IsActive && result.TokenId is { } jti && IsRevoked(jti))
            {
                result = TokenIntrospectionResult.Invalid("The token has been revoked.");
            }

            outcome = result.IsActive ? "active" : "invalid";
            if (!result.IsActive)
            {
                _log.TokenRefused(result.FailureReason!, response.ClientId, response.TokenId);
            }
        }
        catch (IntrospectionUnavailableException exception)
        {
            result = TokenIntrospectionResult.Unavailable(exception);
            outcome = "unavailable";
        }
        catch (OperationCanceledException exception)
        {
            result = TokenIntrospectionResult.Unavailable(new IntrospectionUnavailableException(
                "The authorization server did not answer in time.", new TimeoutException(exception.Message, exception)));
            outcome = "unavailable";
        }

        _metrics.Introspected(Stopwatch.GetElapsedTime(started), outcome);
        if (activity is not null)
        {
            activity.SetTag("mcpaspire.token.outcome", outcome);
            if (result.IsActive)
            {
                activity.SetTag("mcpaspire.token.client_id", result.ClientId);
            }
            else
            {
                activity.SetStatus(result.IsUnavailable ? ActivityStatusCode.Error : ActivityStatusCode.Ok, result.FailureReason);
            }
        }

        return result;
    }

    internal TokenIntrospectionResult Validate(IntrospectionResponse response, DateTimeOffset now)
    {
        if (!response.Active)
        {
            return TokenIntrospectionResult.Invalid("The token is not active.");
        }

        if (!string.Equals(response.Issuer, _options.Issuer, StringComparison.Ordinal))
        {
            return TokenIntrospectionResult.Invalid("The token was not issued by the expected issuer.");
        }

        if (!response.Audiences.Contains(_options.Audience, StringComparer.Ordinal))
        {
            return TokenIntrospectionResult.Invalid("The token is not meant for this resource (aud).");
        }

        if (response.ExpiresAt is not { } exp || DateTimeOffset.FromUnixTimeSeconds(exp) <= now)
        {
            return TokenIntrospectionResult.Invalid("The token has expired.");
        }

        if (response.NotBefore is { } nbf && DateTimeOffset.FromUnixTimeSeconds(nbf) > now + NotBeforeSkew)
        {
            return TokenIntrospectionResult.Invalid("The token is not valid yet.");
        }

        if (response.TokenUsage is { } usage && !string.Equals(usage, "access_token", StringComparison.Ordinal))
        {
            return TokenIntrospectionResult.Invalid("The token is not an access token.");
        }

        return ActiveFrom(response, exp);
    }

    private static TokenIntrospectionResult ActiveFrom(IntrospectionResponse response, long exp) =>
        TokenIntrospectionResult.Active(
            response.Subject, response.ClientId, response.Scope, response.Audiences, response.TokenId,
            DateTimeOffset.FromUnixTimeSeconds(exp),
            response.IssuedAt is { } iat ? DateTimeOffset.FromUnixTimeSeconds(iat) : null,
            response.Username);

    private bool IsRevoked(string tokenId) => _revoked.TryGetValue(tokenId, out var until) && until > _time.GetUtcNow();

    private TimeSpan CacheDuration(TokenIntrospectionResult result, DateTimeOffset now)
    {
        if (!result.IsActive)
        {
            return _options.NegativeCacheDuration;
        }

        var remaining = result.ExpiresAt!.Value - now;
        return remaining < _options.MaxCacheDuration ? remaining : _options.MaxCacheDuration;
    }

    private void Store(string hash, TokenIntrospectionResult result)
    {
        var duration = CacheDuration(result, _time.GetUtcNow());
        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        StoreLocal(hash, result, duration);
        if (!RedisUsable(out var db))
        {
            return;
        }

        try
        {
            // Fire and forget: the answer does not wait for the cache write; the writes keep their order.
            db.StringSet(EntryKey(hash), Serialize(result), duration, flags: CommandFlags.FireAndForget);
            if (result.IsActive && result.TokenId is { } jti)
            {
                db.StringSet(TokenIdKey(jti), hash, duration, flags: CommandFlags.FireAndForget);
            }
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            RedisFailed(exception);
        }
    }

    private void StoreLocal(string hash, TokenIntrospectionResult result, TimeSpan duration)
    {
        if (duration > _options.LocalCacheDuration)
        {
            duration = _options.LocalCacheDuration;
        }

        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        var now = _time.GetUtcNow();
        if (_local.Count >= _options.LocalCacheSize)
        {
            foreach (var (key, entry) in _local)
            {
                if (entry.Until <= now)
                {
                    RemoveLocal(key, entry);
                }
            }

            if (_local.Count >= _options.LocalCacheSize)
            {
                ClearLocal("capacity");
            }
        }

        var stored = new LocalEntry(result, now + duration);
        _local[hash] = stored;
        if (result.TokenId is { } jti)
        {
            _localByTokenId[jti] = hash;

            // A revocation that arrived while this result was being fetched must still win.
            if (result.IsActive && IsRevoked(jti))
            {
                RemoveLocal(hash, stored);
            }
        }
    }

    private void RemoveLocal(string hash, LocalEntry entry)
    {
        if (_local.TryRemove(new KeyValuePair<string, LocalEntry>(hash, entry)) && entry.Result.TokenId is { } jti)
        {
            _localByTokenId.TryRemove(new KeyValuePair<string, string>(jti, hash));
        }
    }

    private async Task<(TokenIntrospectionResult Result, TimeSpan LocalFor)?> ReadRedisAsync(string hash)
    {
        if (!RedisUsable(out var db))
        {
            return null;
        }

        RedisValue value;
        try
        {
            value = await db.StringGetAsync(EntryKey(hash)).WaitAsync(_options.RedisTimeout);
            RedisWorked();
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            RedisFailed(exception);
            return null;
        }

        if (!value.HasValue)
        {
            return null;
        }

        var result = Deserialize(value!);
        var now = _time.GetUtcNow();
        if (result is null
            || (result.IsActive && (result.ExpiresAt <= now || !result.Audiences.Contains(_options.Audience, StringComparer.Ordinal)
                || (result.TokenId is { } jti && IsRevoked(jti)))))
        {
            return null;
        }

        return (result, CacheDuration(result, now));
    }

    private bool RedisUsable(out IDatabase db)
    {
        if (_redis is { IsConnected: true })
        {
            db = _redis.GetDatabase();
            return true;
        }

        db = null!;
        if (_redis is not null && Interlocked.Exchange(ref _redisFailing, 1) == 0)
        {
            _log.RedisUnusable("not connected");
        }

        return false;
    }

    private void RedisWorked() => Volatile.Write(ref _redisFailing, 0);

    private void RedisFailed(Exception exception)
    {
        if (Interlocked.Exchange(ref _redisFailing, 1) == 0)
        {
            _log.RedisUnusable(exception.GetType().Name + ": " + exception.Message);
        }
    }

    internal static byte[] Serialize(TokenIntrospectionResult result)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("active", result.IsActive);
            if (result.IsActive)
            {
                WriteIfSet(writer, "sub", result.Subject);
                WriteIfSet(writer, "client_id", result.ClientId);
                WriteIfSet(writer, "scope", result.Scope);
                writer.WriteStartArray("aud");
                foreach (var audience in result.Audiences)
                {
                    writer.WriteStringValue(audience);
                }

                writer.WriteEndArray();
                WriteIfSet(writer, "jti", result.TokenId);
                writer.WriteNumber("exp", result.ExpiresAt!.Value.ToUnixTimeSeconds());
                if (result.IssuedAt is { } iat)
                {
                    writer.WriteNumber("iat", iat.ToUnixTimeSeconds());
                }

                WriteIfSet(writer, "username", result.Username);
            }
            else
            {
                WriteIfSet(writer, "reason", result.FailureReason);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    internal static TokenIntrospectionResult? Deserialize(byte[] value)
    {
        try
        {
            using var document = JsonDocument.Parse(value);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("active", out var active))
            {
                return null;
            }

            if (active.ValueKind == JsonValueKind.False)
            {
                return TokenIntrospectionResult.Invalid(
                    root.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString()! : "The token is not active.");
            }

            var response = IntrospectionClient.Parse(root);
            if (!response.Active || response.ExpiresAt is not { } exp)
            {
                return null;
            }

            return ActiveFrom(response, exp);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
