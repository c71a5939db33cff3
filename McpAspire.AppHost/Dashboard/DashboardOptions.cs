using System.Globalization;

namespace McpAspire.Dashboard;

/// <summary>
/// Where the dashboard listens and how much it keeps. Configuration: <c>AppHost:DashboardUrl</c> (the browser address) and
/// the section <c>AppHost:Dashboard</c> (<c>OtlpUrl</c>, <c>BrowserToken</c>, <c>OtlpApiKey</c>, <c>MaxSpansPerResource</c>,
/// <c>MaxLogRecordsPerResource</c>, <c>MaxConsoleLinesPerResource</c>, <c>MaxMetricSeriesPerResource</c>, <c>MetricsWindow</c>).
/// </summary>
public sealed class DashboardOptions
{
    public const string Section = "AppHost:Dashboard";

    /// <summary>The browser address; loopback only. Port 0 picks a free port.</summary>
    public string Url { get; set; } = "http://127.0.0.1:18888";

    /// <summary>The OTLP/HTTP receiver's address (what services get as OTEL_EXPORTER_OTLP_ENDPOINT); loopback only.</summary>
    public string OtlpUrl { get; set; } = "http://127.0.0.1:18889";

    /// <summary>The login token; a random one is made at start when empty.</summary>
    public string? BrowserToken { get; set; }

    /// <summary>When set, OTLP requests must carry it in the <c>x-otlp-api-key</c> header.</summary>
    public string? OtlpApiKey { get; set; }

    public int MaxSpansPerResource { get; set; } = 10_000;

    public int MaxLogRecordsPerResource { get; set; } = 10_000;

    public int MaxConsoleLinesPerResource { get; set; } = 5_000;

    public int MaxMetricSeriesPerResource { get; set; } = 2_000;

    /// <summary>How far back metric charts reach; older points are dropped.</summary>
    public TimeSpan MetricsWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The largest OTLP request body accepted (after decompression).</summary>
    public int MaxOtlpRequestBytes { get; set; } = 8 * 1024 * 1024;

    public static DashboardOptions FromConfiguration(IConfiguration configuration)
    {
        var options = new DashboardOptions();
        if (!string.IsNullOrWhiteSpace(configuration["AppHost:DashboardUrl"]))
        {
            options.Url = configuration["AppHost:DashboardUrl"]!;
        }

        var section = configuration.GetSection(Section);
        options.OtlpUrl = NonEmpty(section["OtlpUrl"]) ?? options.OtlpUrl;
        options.BrowserToken = NonEmpty(section["BrowserToken"]);
        options.OtlpApiKey = NonEmpty(section["OtlpApiKey"]);
        options.MaxSpansPerResource = ReadInt(section, "MaxSpansPerResource", options.MaxSpansPerResource);
        options.MaxLogRecordsPerResource = ReadInt(section, "MaxLogRecordsPerResource", options.MaxLogRecordsPerResource);
        options.MaxConsoleLinesPerResource = ReadInt(section, "MaxConsoleLinesPerResource", options.MaxConsoleLinesPerResource);
        options.MaxMetricSeriesPerResource = ReadInt(section, "MaxMetricSeriesPerResource", options.MaxMetricSeriesPerResource);
        if (NonEmpty(section["MetricsWindow"]) is { } window)
        {
            options.MetricsWindow = TimeSpan.TryParse(window, CultureInfo.InvariantCulture, out var parsed) && parsed > TimeSpan.Zero
                ? parsed
                : throw new InvalidOperationException($"{Section}:MetricsWindow must be a positive time span such as 00:10:00.");
        }

        return options;
    }

    /// <summary>Throws, naming the setting, when a value cannot work.</summary>
    public void Validate()
    {
        RequireLoopback(Url, "AppHost:DashboardUrl");
        RequireLoopback(OtlpUrl, Section + ":OtlpUrl");
        RequirePositive(MaxSpansPerResource, nameof(MaxSpansPerResource));
        RequirePositive(MaxLogRecordsPerResource, nameof(MaxLogRecordsPerResource));
        RequirePositive(MaxConsoleLinesPerResource, nameof(MaxConsoleLinesPerResource));
        RequirePositive(MaxMetricSeriesPerResource, nameof(MaxMetricSeriesPerResource));
        RequirePositive(MaxOtlpRequestBytes, nameof(MaxOtlpRequestBytes));
        if (MetricsWindow <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{Section}:MetricsWindow must be positive.");
        }
    }

    internal static Uri ParseLoopback(string url, string key)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.AbsolutePath != "/")
        {
            throw new InvalidOperationException($"{key} must be an http:// address with no path, such as http://127.0.0.1:18888 (it is '{url}').");
        }

        if (!uri.IsLoopback)
        {
            throw new InvalidOperationException($"{key} must be a loopback address (127.0.0.1, [::1] or localhost): the dashboard shows private logs (it is '{url}').");
        }

        return uri;
    }

    private static void RequireLoopback(string url, string key) => ParseLoopback(url, key);

    private static void RequirePositive(int value, string name)
    {
        if (value < 1)
        {
            throw new InvalidOperationException($"{Section}:{name} must be at least 1 (it is {value}).");
        }
    }

    private static int ReadInt(IConfigurationSection section, string key, int fallback)
    {
        var text = NonEmpty(section[key]);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidOperationException($"{Section}:{key} must be a whole number (it is '{text}').");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
