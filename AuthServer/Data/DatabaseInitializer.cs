using AuthServer.Clients;
using AuthServer.Tokens;
using AuthServer.Users;
using McpAspire.ServiceDefaults.Data;

namespace AuthServer.Data;

/// <summary>
/// Before the server listens: applies the migrations (a PostgreSQL advisory lock lets concurrent replicas take
/// turns), seeds clients and (Development/tests) users idempotently, then loads the signing keys.
/// </summary>
public sealed class DatabaseInitializer(IServiceProvider services, ILogger<DatabaseInitializer> logger) : IHostedService
{
    private const string DatabaseName = "authdb";

    public Task StartAsync(CancellationToken cancellationToken) =>
        DatabaseMigrations.RetryWhileUnreachableAsync(DatabaseName, logger, InitializeAsync, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<AuthDbContext>();
        await DatabaseMigrations.MigrateAsync(db, DatabaseName, logger, async ct =>
        {
            await provider.GetRequiredService<ClientSeeder>().SeedAsync(ct);
            await provider.GetRequiredService<TestUserSeeder>().SeedAsync(ct);
        }, cancellationToken);

        await provider.GetRequiredService<SigningKeyStore>().EnsureAndLoadAsync(db, cancellationToken);
    }
}
