namespace McpAspire.Hosting;

/// <summary>The AppHost's own configuration keys (section <c>AppHost</c>), read when the app is built.</summary>
internal sealed record AppHostSettings(
    string? StateDirectory,
    bool Verbose,
    string DashboardUrl,
    TimeSpan ResourceStartTimeout,
    TimeSpan StopTimeout,
    bool ExitWhenHealthy,
    string RedisServer,
    string? OtlpEndpoint)
{
    public const string Section = "AppHost";

    public static AppHostSettings Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        return new AppHostSettings(
            StateDirectory: NullIfEmpty(section["StateDirectory"]),
            Verbose: section.GetValue("Verbose", false),
            DashboardUrl: NullIfEmpty(section["DashboardUrl"]) ?? "http://127.0.0.1:18888",
            ResourceStartTimeout: section.GetValue("ResourceStartTimeout", TimeSpan.FromSeconds(60)),
            StopTimeout: section.GetValue("StopTimeout", TimeSpan.FromSeconds(8)),
            ExitWhenHealthy: section.GetValue("ExitWhenHealthy", false),
            RedisServer: NullIfEmpty(section["RedisServer"]) ?? "auto",
            OtlpEndpoint: NullIfEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
