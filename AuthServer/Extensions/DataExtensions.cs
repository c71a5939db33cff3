using AuthServer.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StackExchange.Redis;

namespace AuthServer.Extensions;

/// <summary>authdb on PostgreSQL and the Redis connection that carries revocation events.</summary>
public static class DataExtensions
{
    public static void AddAuthDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("authdb")
            ?? throw new InvalidOperationException("ConnectionStrings:authdb is not set.");
        if (!connectionString.Contains("No Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            connectionString += ";No Reset On Close=true";
        }

        if (!connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            connectionString += ";Max Auto Prepare=20";
        }

        builder.Services.AddDbContextPool<AuthDbContext>(options =>
            options.UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure()));
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddSingleton<TokenLedger>();
        builder.Services.AddHealthChecks().AddDbContextCheck<AuthDbContext>("authdb", tags: ["ready"]);
    }

    public static void AddRevocationChannel(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("cache")
            ?? throw new InvalidOperationException("ConnectionStrings:cache is not set.");
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var options = ConfigurationOptions.Parse(connectionString);
            options.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(options);
        });
    }
}
