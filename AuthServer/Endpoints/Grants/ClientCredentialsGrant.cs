using AuthServer.Data;
using AuthServer.OAuth;
using AuthServer.Tokens;

namespace AuthServer.Endpoints.Grants;

/// <summary>RFC 6749 section 4.4: a confidential client gets a token for itself (sub = its client_id).</summary>
public sealed class ClientCredentialsGrant(TokenIssuer issuer, ResourceCatalog resources)
{
    public Task<GrantResult> HandleAsync(OAuthForm form, ClientApplication client, CancellationToken cancellationToken)
    {
        if (client.ClientType != ClientTypes.Confidential || !client.GrantTypes.Contains(GrantTypes.ClientCredentials))
        {
            return Task.FromResult<GrantResult>(OAuthError.UnauthorizedClient("The client may not use the client_credentials grant."));
        }

        var asked = Scopes.Parse(form[OAuthParameters.Scope]);
        if (!ScopePolicy.AllKnown(asked) || asked.Any(s => !client.Scopes.Contains(s)))
        {
            return Task.FromResult<GrantResult>(OAuthError.InvalidScope("The requested scope is unknown or not allowed for this client."));
        }

        var scopes = asked.Count > 0 ? asked : client.Scopes;
        var (uris, targetError) = ResourceIndicators.Resolve(form.All(OAuthParameters.Resource), resources, client.Resources);
        if (targetError is not null)
        {
            return Task.FromResult<GrantResult>(targetError);
        }

        var audiences = resources.AudiencesFor(uris, scopes, client.Resources);
        var token = issuer.CreateAccessToken(new AccessTokenDescriptor(client.ClientId, client.ClientId, null, scopes, audiences, null));
        // Self-contained: nothing is stored unless the token is revoked (see TokenLedger).
        return Task.FromResult<GrantResult>(new TokenResponse(token.Token, TokenTypes.Bearer, (long)issuer.AccessTokenLifetime.TotalSeconds, Scopes.Join(scopes)));
    }
}
