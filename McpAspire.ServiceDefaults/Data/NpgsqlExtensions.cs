using McpAspire.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>PostgreSQL through EF Core, configured the same way in every service.</summary>
public static class NpgsqlExtensions
{
    /// <summary>
    /// A pooled <typeparamref name="TContext"/> on the connection string <c>ConnectionStrings:&lt;name&gt;</c>
    /// (with <c>No Reset On Close=true;Max Auto Prepare=20</c> unless set), retrying transient failures, and a
    /// health check named <paramref name="name"/> tagged "ready". A missing connection string stops the start with
    /// a message naming the key.
    /// </summary>
    public static IHostApplicationBuilder AddNpgsqlDbContext<TContext>(this IHostApplicationBuilder builder, string name)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        builder.Services.AddConnectionStringSettings(name);
        builder.Services.AddDbContextPool<TContext>((services, options) =>
        {
            var connectionString = services.GetRequiredService<IOptionsMonitor<ConnectionStringSettings>>().Get(name).Effective;
            options.UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure());
        });
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            name,
            services => new NpgsqlHealthCheck(services.GetRequiredService<IOptionsMonitor<ConnectionStringSettings>>().Get(name).Effective),
            HealthStatus.Unhealthy,
            [Extensions.ReadyTag],
            TimeSpan.FromSeconds(5)));
        return builder;
    }

    /// <summary>
    /// A singleton <see cref="Npgsql.NpgsqlDataSource"/> on the same connection string as
    /// <see cref="AddNpgsqlDbContext{TContext}"/>, for the few statements a service runs without EF Core.
    /// </summary>
    public static IHostApplicationBuilder AddNpgsqlDataSource(this IHostApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        builder.Services.AddConnectionStringSettings(name);
        builder.Services.AddSingleton(services =>
            Npgsql.NpgsqlDataSource.Create(services.GetRequiredService<IOptionsMonitor<ConnectionStringSettings>>().Get(name).Effective));
        return builder;
    }

    /// <summary>
    /// Migrates <typeparamref name="TContext"/> (versioned EF Core migrations) before the server starts listening;
    /// see <see cref="DatabaseMigrations"/>.
    /// </summary>
    public static IHostApplicationBuilder AddDatabaseMigrations<TContext>(this IHostApplicationBuilder builder, string databaseName)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHostedService(services => new DatabaseMigrator<TContext>(services, databaseName, services.GetRequiredService<ILogger<DatabaseMigrator<TContext>>>()));
        return builder;
    }
}
