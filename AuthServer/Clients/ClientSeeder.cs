using AuthServer.Data;
using AuthServer.OAuth;
using AuthServer.Options;
using AuthServer.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AuthServer.Clients;

/// <summary>
/// Registers the clients of <c>AuthServer:Clients</c> at start, idempotently: a changed setting (secret included)
/// updates the stored client. Secrets are stored as SHA-256 digests only.
/// </summary>
public sealed partial class ClientSeeder(AuthDbContext db, ClientStore store, IOptions<AuthServerOptions> options, TimeProvider time, ILogger<ClientSeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var (clientId, settings) in options.Value.Clients)
        {
            var client = await db.Clients.FirstOrDefaultAsync(c => c.ClientId == clientId, cancellationToken);
            if (client is null)
            {
                client = new ClientApplication { ClientId = clientId, CreatedAt = time.GetUtcNow() };
                db.Clients.Add(client);
            }

            var confidential = settings.Type == ClientTypes.Confidential;
            client.DisplayName = string.IsNullOrEmpty(settings.DisplayName) ? clientId : settings.DisplayName;
            client.ClientType = settings.Type;
            client.TokenEndpointAuthMethod = confidential ? ClientAuthMethods.ClientSecretBasic : ClientAuthMethods.None;
            client.SecretHash = confidential ? SecretHasher.Hash(settings.ClientSecret!) : null;
            client.ApplicationType = "web";
            client.RedirectUris = [.. settings.RedirectUris];
            client.GrantTypes = [.. settings.GrantTypes];
            client.ResponseTypes = settings.GrantTypes.Contains(GrantTypes.AuthorizationCode) ? ["code"] : [];
            client.Scopes = [.. settings.Scopes];
            client.Resources = [.. settings.Resources];
            client.CanIntrospect = settings.CanIntrospect;
            client.RequireConsent = settings.RequireConsent;
            client.IsDynamic = false;
            store.Forget(clientId);
        }

        var changed = await db.SaveChangesAsync(cancellationToken);
        LogSeeded(logger, options.Value.Clients.Count, changed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} configured client(s), {Changed} row(s) changed")]
    private static partial void LogSeeded(ILogger logger, int count, int changed);
}
