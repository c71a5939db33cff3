using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace McpAspire.ServiceDefaults.Data;

/// <summary>The connection string <c>ConnectionStrings:&lt;name&gt;</c>, checked when the host starts (named options).</summary>
internal sealed class ConnectionStringSettings
{
    public string? Value { get; set; }

    /// <summary>The configured string with the throughput settings added where the operator did not set them.</summary>
    public string Effective { get; set; } = string.Empty;

    public static string AddNpgsqlDefaults(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var keys = given.Keys.Cast<string>().Select(k => k.Replace(" ", string.Empty, StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var result = new NpgsqlConnectionStringBuilder(connectionString);
        if (!keys.Contains("NoResetOnClose"))
        {
            result.NoResetOnClose = true;
        }

        if (!keys.Contains("MaxAutoPrepare"))
        {
            result.MaxAutoPrepare = 20;
        }

        return result.ConnectionString;
    }
}

internal static class ConnectionStringSettingsExtensions
{
    public static IServiceCollection AddConnectionStringSettings(this IServiceCollection services, string name)
    {
        services.AddOptions<ConnectionStringSettings>(name)
            .Configure<IConfiguration>((settings, configuration) =>
            {
                settings.Value = configuration.GetConnectionString(name);
                settings.Effective = string.IsNullOrWhiteSpace(settings.Value) ? string.Empty : ConnectionStringSettings.AddNpgsqlDefaults(settings.Value);
            })
            .Validate(
                settings => !string.IsNullOrWhiteSpace(settings.Value),
                $"The connection string 'ConnectionStrings:{name}' (environment variable ConnectionStrings__{name}) is not set. "
                + "Start the service from the AppHost, or set it to a PostgreSQL connection string.")
            .ValidateOnStart();
        return services;
    }
}
