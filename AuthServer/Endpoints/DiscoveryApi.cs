using System.Text.Json;
using AuthServer.OAuth;
using AuthServer.Options;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AuthServer.Endpoints;

/// <summary>RFC 8414 metadata (also served as OpenID Connect discovery, same facts) and the JWKS.</summary>
public static class DiscoveryApi
{
    public static IEndpointRouteBuilder MapDiscoveryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("Discovery");
        group.MapGet(EndpointPaths.AuthorizationServerMetadata, GetMetadata);
        group.MapGet(EndpointPaths.OpenIdConfiguration, GetMetadata);
        group.MapGet(EndpointPaths.Jwks, GetJwks);
        return app;
    }

    private static FileContentHttpResult GetMetadata(IOptions<AuthServerOptions> options, HttpResponse response)
    {
        response.Headers.CacheControl = "public, max-age=300";
        response.Headers.AccessControlAllowOrigin = "*";
        return TypedResults.Bytes(BuildMetadata(options.Value), "application/json");
    }

    private static FileContentHttpResult GetJwks(Tokens.SigningKeyStore keys, HttpResponse response)
    {
        response.Headers.CacheControl = "public, max-age=300";
        response.Headers.AccessControlAllowOrigin = "*";
        return TypedResults.Bytes(keys.JwksDocument, "application/jwk-set+json");
    }

    public static byte[] BuildMetadata(AuthServerOptions options)
    {
        var issuer = options.Issuer;
        string[] secretMethods = [ClientAuthMethods.ClientSecretBasic, ClientAuthMethods.ClientSecretPost];
        var metadata = new Dictionary<string, object>
        {
            ["issuer"] = issuer,
            ["authorization_endpoint"] = issuer + EndpointPaths.Authorize,
            ["token_endpoint"] = issuer + EndpointPaths.Token,
            ["introspection_endpoint"] = issuer + EndpointPaths.Introspect,
            ["revocation_endpoint"] = issuer + EndpointPaths.Revoke,
            ["userinfo_endpoint"] = issuer + EndpointPaths.UserInfo,
            ["jwks_uri"] = issuer + EndpointPaths.Jwks,
            ["scopes_supported"] = Scopes.All,
            ["response_types_supported"] = new[] { "code" },
            ["response_modes_supported"] = new[] { "query" },
            ["grant_types_supported"] = GrantTypes.Supported,
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["token_endpoint_auth_methods_supported"] = ClientAuthMethods.Supported,
            ["introspection_endpoint_auth_methods_supported"] = secretMethods,
            ["revocation_endpoint_auth_methods_supported"] = ClientAuthMethods.Supported,
            ["authorization_response_iss_parameter_supported"] = true,
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "ES256" },
            ["claims_supported"] = new[]
            {
                OAuthClaims.Subject, OAuthClaims.Issuer, OAuthClaims.Audience, OAuthClaims.Expires, OAuthClaims.IssuedAt,
                OAuthClaims.AuthTime, OAuthClaims.Nonce, OAuthClaims.PreferredUsername, OAuthClaims.Email, OAuthClaims.EmailVerified,
            },
            ["prompt_values_supported"] = new[] { "none", "login", "consent" },
        };
        if (options.DynamicRegistration.Enabled)
        {
            metadata["registration_endpoint"] = issuer + EndpointPaths.Register;
        }

        return JsonSerializer.SerializeToUtf8Bytes(metadata);
    }
}
