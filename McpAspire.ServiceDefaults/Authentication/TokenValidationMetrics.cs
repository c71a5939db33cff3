using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace McpAspire.ServiceDefaults.Authentication;

/// <summary>
/// Meter and ActivitySource "McpAspire.TokenValidation": cache hits (by tier l1/l2), misses, evictions (by reason),
/// introspection duration (by outcome), and a client span per introspection.
/// </summary>
internal sealed class TokenValidationMetrics
{
    public static readonly ActivitySource ActivitySource = new(IntrospectionDefaults.TelemetryName);

    private static readonly KeyValuePair<string, object?> L1 = new("tier", "l1");
    private static readonly KeyValuePair<string, object?> L2 = new("tier", "l2");

    private readonly Counter<long> _hits;
    private readonly Counter<long> _misses;
    private readonly Counter<long> _evictions;
    private readonly Histogram<double> _introspectionDuration;

    public TokenValidationMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(IntrospectionDefaults.TelemetryName);
        _hits = meter.CreateCounter<long>("mcpaspire.token_validation.cache.hits", "{lookup}", "Token checks answered from a cache (tier l1 = in-process, l2 = Redis).");
        _misses = meter.CreateCounter<long>("mcpaspire.token_validation.cache.misses", "{lookup}", "Token checks that needed an introspection.");
        _evictions = meter.CreateCounter<long>("mcpaspire.token_validation.cache.evictions", "{entry}", "Cache entries removed before their time (e.g. revocation).");
        _introspectionDuration = meter.CreateHistogram<double>(
            "mcpaspire.token_validation.introspection.duration", "s", "Duration of introspection requests to the authorization server.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
    }

    public void HitL1() => _hits.Add(1, L1);

    public void HitL2() => _hits.Add(1, L2);

    public void Miss() => _misses.Add(1);

    public void Evicted(string tier, string reason, int count = 1) =>
        _evictions.Add(count, new KeyValuePair<string, object?>("tier", tier), new KeyValuePair<string, object?>("reason", reason));

    public void Introspected(TimeSpan duration, string outcome) =>
        _introspectionDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
}
