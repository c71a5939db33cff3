using AuthServer.Data;
using AuthServer.OAuth;
using AuthServer.Tokens;

namespace AuthServer.Endpoints.Grants;

/// <summary>RFC 6749 section 4.4: a confidential client gets a token for itself.</summary>
public sealed class ClientCredentialsGrant(TokenLedger ledger, TokenIssuer issuer, ResourceCatalog resources)
{
    public async Task<GrantResult> HandleAsync(OAuthForm form, ClientApplication client, CancellationToken cancellationToken)
    {
        if (client.ClientType != ClientTypes.Confidential || !client.GrantTypes.Contains(GrantTypes.ClientCredentials))
        {
            return OAuthError.UnauthorizedClient("The client may not use the client_credentials grant.");
        }

        var asked = Scopes.Parse(form[OAuthParameters.Scope]);
        if (!ScopePolicy.AllKnown(asked) || asked.Any(s => !client.Scopes.Contains(s)))
        {
            return OAuthError.InvalidScope("The requested scope is unknown or not allowed for this client.");
        }

        var scopes = asked.Count > 0 ? asked : client.Scopes;
        var (uris, targetError) = ResourceIndicators.Resolve(form.All(OAuthParameters.Resource), resources, client.Resources);
        if (targetError is not null)
        {
            return targetError;
        }

        var audiences = resources.AudiencesFor(uris, scopes, client.Resources);
        var token = issuer.CreateAccessToken(new AccessTokenDescriptor(client.ClientId, client.ClientId, null, scopes, audiences, null));
        await ledger.RecordAsync(token, client.ClientId, null, cancellationToken);
        return new TokenResponse(token.Token, TokenTypes.Bearer, (long)issuer.AccessTokenLifetime.TotalSeconds, Scopes.Join(scopes));
    }
}
