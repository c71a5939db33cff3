using System.Text.Json;
using AuthServer.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Tests;

[Collection(AuthServerCollection.Name)]
public sealed class DiscoveryTests(AuthServerFixture fixture)
{
    [Fact]
    public async Task MetadataNamesTheIssuerAndEveryEndpoint()
    {
        using var client = fixture.CreateClient();
        var metadata = await OAuthHttp.GetJsonAsync(client, "/.well-known/oauth-authorization-server");

        Assert.Equal(TestSettings.Issuer, metadata.GetProperty("issuer").GetString());
        Assert.Equal($"{TestSettings.Issuer}/connect/authorize", metadata.GetProperty("authorization_endpoint").GetString());
        Assert.Equal($"{TestSettings.Issuer}/connect/token", metadata.GetProperty("token_endpoint").GetString());
        Assert.Equal($"{TestSettings.Issuer}/connect/introspect", metadata.GetProperty("introspection_endpoint").GetString());
        Assert.Equal($"{TestSettings.Issuer}/connect/revoke", metadata.GetProperty("revocation_endpoint").GetString());
        Assert.Equal($"{TestSettings.Issuer}/connect/register", metadata.GetProperty("registration_endpoint").GetString());
        Assert.Equal($"{TestSettings.Issuer}/connect/userinfo", metadata.GetProperty("userinfo_endpoint").GetString());
        Assert.Equal($"{TestSettings.Issuer}/.well-known/jwks.json", metadata.GetProperty("jwks_uri").GetString());
        Assert.Equal(["code"], Strings(metadata, "response_types_supported"));
        Assert.Equal(["S256"], Strings(metadata, "code_challenge_methods_supported"));
        Assert.Equal(["authorization_code", "refresh_token", "client_credentials"], Strings(metadata, "grant_types_supported"));
        Assert.Equal(["client_secret_basic", "client_secret_post", "none"], Strings(metadata, "token_endpoint_auth_methods_supported"));
        Assert.Contains("client_secret_basic", Strings(metadata, "introspection_endpoint_auth_methods_supported"));
        Assert.Contains("client_secret_basic", Strings(metadata, "revocation_endpoint_auth_methods_supported"));
        Assert.True(metadata.GetProperty("authorization_response_iss_parameter_supported").GetBoolean());
        Assert.Contains("mcp:read", Strings(metadata, "scopes_supported"));
        Assert.Contains("offline_access", Strings(metadata, "scopes_supported"));
    }

    [Fact]
    public async Task OpenIdConfigurationStatesTheSameFacts()
    {
        using var client = fixture.CreateClient();
        var oauth = await client.GetStringAsync("/.well-known/oauth-authorization-server", TestContext.Current.CancellationToken);
        var openid = await client.GetStringAsync("/.well-known/openid-configuration", TestContext.Current.CancellationToken);

        Assert.Equal(oauth, openid);
    }

    [Fact]
    public async Task JwksPublishesThePublicKeyThatSignsTokens()
    {
        using var client = fixture.CreateClient();
        var jwks = await OAuthHttp.GetJsonAsync(client, "/.well-known/jwks.json");
        var (_, body) = await OAuthHttp.ClientCredentialsAsync(client);
        var token = new JsonWebToken(body.GetProperty("access_token").GetString());

        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray(), k => k.GetProperty("kid").GetString() == token.Kid);
        Assert.Equal("EC", key.GetProperty("kty").GetString());
        Assert.Equal("P-256", key.GetProperty("crv").GetString());
        Assert.Equal("ES256", key.GetProperty("alg").GetString());
        Assert.Equal("ES256", token.Alg);
        Assert.False(key.TryGetProperty("d", out _));
    }

    private static string[] Strings(JsonElement element, string name) =>
        element.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();
}
