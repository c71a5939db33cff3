using AuthServer.Data;

namespace AuthServer.Extensions;

/// <summary>authdb on PostgreSQL and the Redis connection that carries revocation events.</summary>
public static class DataExtensions
{
    public static void AddAuthDatabase(this IHostApplicationBuilder builder)
    {
        // Pooled context with retries on transient failures; the ledger's hot statements use the data source directly.
        builder.AddNpgsqlDbContext<AuthDbContext>("authdb");
        builder.AddNpgsqlDataSource("authdb");
        builder.Services.AddSingleton<TokenLedger>();
    }

    public static void AddRevocationChannel(this IHostApplicationBuilder builder) => builder.AddRedisClient("cache");
}
