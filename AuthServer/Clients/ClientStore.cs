using AuthServer.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace AuthServer.Clients;

/// <summary>
/// Reads clients by id. Found clients are kept in memory for a short while so the hot paths (client
/// credentials, introspection) do one database statement per request, not two.
/// </summary>
public sealed class ClientStore(AuthDbContext db, IMemoryCache cache)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

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

        var client = await FindQuery(db, clientId, cancellationToken);
        if (client is not null)
        {
            cache.Set(key, client, CacheFor);
        }

        return client;
    }

    public void Forget(string clientId) => cache.Remove(CacheKey(clientId));

    private static string CacheKey(string clientId) => "client:" + clientId;
}
