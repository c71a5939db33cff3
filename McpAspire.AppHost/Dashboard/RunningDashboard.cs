using McpAspire.Dashboard.Telemetry;

namespace McpAspire.Dashboard;

/// <summary>A started dashboard: where to open it, where services send telemetry, and how to stop it.</summary>
public sealed class RunningDashboard : IAsyncDisposable
{
    private readonly WebApplication _browser;
    private readonly WebApplication _otlp;
    private readonly string _token;
    private readonly List<IDisposable> _stopsWith = [];

    internal RunningDashboard(WebApplication browser, WebApplication otlp, Uri browserUrl, Uri otlpUrl, string token, TelemetryStore telemetry)
    {
        _browser = browser;
        _otlp = otlp;
        _token = token;
        BrowserUrl = browserUrl;
        OtlpEndpoint = otlpUrl.GetLeftPart(UriPartial.Authority);
        Telemetry = telemetry;
    }

    /// <summary>The dashboard's address, e.g. <c>http://127.0.0.1:18888/</c> (asks for the token).</summary>
    public Uri BrowserUrl { get; }

    /// <summary>
    /// The address to print once at start for the developer to open: it signs the browser in (a cookie) and redirects
    /// to the resources page, so the token does not stay in the address bar.
    /// </summary>
    public string LoginUrl => $"{BrowserUrl}login?t={Uri.EscapeDataString(_token)}";

    /// <summary>What services get as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (OTLP/HTTP protobuf), e.g. <c>http://127.0.0.1:18889</c>.</summary>
    public string OtlpEndpoint { get; }

    internal TelemetryStore Telemetry { get; }

    /// <summary>Disposes <paramref name="disposable"/> (e.g. what feeds the resource source) when the dashboard stops.</summary>
    public void StopsWith(IDisposable disposable) => _stopsWith.Add(disposable);

    public async ValueTask DisposeAsync()
    {
        // Live pages end when the app stops; the bound keeps a stuck connection from holding the AppHost.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _browser.StopAsync(timeout.Token);
        await _otlp.StopAsync(timeout.Token);
        await _browser.DisposeAsync();
        await _otlp.DisposeAsync();
        foreach (var disposable in _stopsWith)
        {
            disposable.Dispose();
        }
    }
}
