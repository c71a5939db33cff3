using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AuthServer.Telemetry;

/// <summary>AuthServer's ActivitySource and Meter ("McpAspire.AuthServer"), picked up by the ServiceDefaults telemetry.</summary>
public sealed class AuthServerTelemetry : IDisposable
{
    public const string Name = "McpAspire.AuthServer";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter _meter;
    private readonly Counter<long> _tokenRequests;
    private readonly Counter<long> _introspections;
    private readonly Counter<long> _revocations;

    public AuthServerTelemetry(IMeterFactory meters)
    {
        _meter = meters.Create(Name);
        _tokenRequests = _meter.CreateCounter<long>("mcpaspire.auth.token_requests", description: "Token endpoint requests by grant type and outcome");
        _introspections = _meter.CreateCounter<long>("mcpaspire.auth.introspections", description: "Introspection requests by result");
        _revocations = _meter.CreateCounter<long>("mcpaspire.auth.revoked_access_tokens", description: "Access tokens revoked (each published)");
    }

    public void TokenRequest(string grantType, string outcome) =>
        _tokenRequests.Add(1, new("grant_type", grantType), new("outcome", outcome));

    public void Introspection(bool active) => _introspections.Add(1, new KeyValuePair<string, object?>("active", active));

    public void Revoked(int count) => _revocations.Add(count);

    public void Dispose() => _meter.Dispose();
}
