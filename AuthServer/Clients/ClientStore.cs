using AuthServer.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace AuthServer.Clients;

/// <summary>
/// Reads clients by id. Found clients are kept in memory for a few seconds so the hot paths (client credentials,
/// introspection) need no database statement for them; a client changed or disabled elsewhere (another replica)
/// takes effect here within <see cref="CacheFor"/>, and at once on the replica that changed it (<see cref="Forget"/>).
/// The database context is only taken from the pool when the cache misses.
/// </summary>
public sealed class ClientStore(IServiceProvider services, IMemoryCache cache)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private static readonly Func<AuthDbContext, string, CancellationToken, Task<ClientApplication?>> FindQuery =
        EF.CompileAsyncQuery((AuthDbContext context, string clientId, CancellationToken _) =>
            context.Clients.AsNoTracking().FirstOrDefault(c => c.ClientId == clientId));

    public async ValueTask<ClientApplication?> FindAsync(string clientId, CancellationToken cancellationToken)
    {
        if (clientId.Length > 100)
        {
            return null;
        }

        var key = CacheKey(clientId);
        if (cache.TryGetValue(key, out ClientApplication? cached))
        {
            return cached;
        }

        var client = await FindQuery(services.GetRequiredService<AuthDbContext>(), clientId, cancellationToken);
        if (client is not null)
        {
            cache.Set(key, client, CacheFor);
        }

        return client;
    }

    public void Forget(string clientId) => cache.Remove(CacheKey(clientId));

    private static string CacheKey(string clientId) => "client:" + clientId;
}
