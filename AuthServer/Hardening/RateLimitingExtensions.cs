using System.Globalization;
using System.Threading.RateLimiting;
using AuthServer.OAuth;
using AuthServer.Options;

namespace AuthServer.Hardening;

/// <summary>
/// Fixed-window limits per client address on the token, introspection, registration endpoints and the login POST:
/// 429 with Retry-After and an OAuth error body. Limits come from <c>AuthServer:RateLimits:&lt;policy&gt;</c>.
/// </summary>
public static class RateLimitingExtensions
{
    private static readonly Dictionary<string, RateLimitOptions> Defaults = new(StringComparer.Ordinal)
    {
        [RateLimitPolicies.Token] = new() { PermitLimit = 200, Window = TimeSpan.FromSeconds(1) },
        [RateLimitPolicies.Introspect] = new() { PermitLimit = 2000, Window = TimeSpan.FromSeconds(1) },
        [RateLimitPolicies.Register] = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) },
        [RateLimitPolicies.Login] = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) },
    };

    public static IHostApplicationBuilder AddAuthServerRateLimiting(this IHostApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetSection($"{AuthServerOptions.SectionName}:RateLimits");
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var response = context.HttpContext.Response;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await new OAuthErrorResult(new OAuthError(OAuthErrors.TemporarilyUnavailable, "Too many requests; retry later.", StatusCodes.Status429TooManyRequests))
                    .ExecuteAsync(context.HttpContext);
            };

            foreach (var policy in RateLimitPolicies.All)
            {
                var options = configured.GetSection(policy).Get<RateLimitOptions>() ?? Defaults[policy];
                var onlyPosts = policy == RateLimitPolicies.Login;
                limiter.AddPolicy(policy, context => onlyPosts && !HttpMethods.IsPost(context.Request.Method)
                    ? RateLimitPartition.GetNoLimiter("read")
                    : RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = options.PermitLimit,
                        Window = options.Window,
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            }
        });
        return builder;
    }
}
