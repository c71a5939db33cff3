using AuthServer.Tests.Infrastructure;
using McpAspire.Testing.Infrastructure;
using McpAspire.Testing.OAuth;
using ModelContextProtocol.Authentication;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AuthServer.Tests;

/// <summary>A client written by others, the MCP C# SDK, gets tokens from AuthServer: discovery, DCR, PKCE, iss check.</summary>
[Collection(AuthServerCollection.Name)]
public sealed class McpSdkClientTests(AuthServerFixture fixture)
{
    [Fact]
    public async Task SdkClientRegistersSignsInAndCallsAToolAsTheUser()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = FreePorts.Next();
        var issuer = $"http://127.0.0.1:{port}";
        await using var resourceServer = await ProtectedMcpServer.StartAsync(issuer, TestSettings.McpResourceSecret, ct);
        var settings = new Dictionary<string, string?>(fixture.Settings)
        {
            ["AuthServer:Issuer"] = issuer,
            ["AuthServer:Resources:mcp-resource:Uri"] = resourceServer.Resource.ToString(),
        };
        await using var authServer = new AuthServerFactory(settings);
        authServer.UseKestrel(port);
        authServer.StartServer();

        string? registeredClient = null;
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = resourceServer.Resource,
            TransportMode = HttpTransportMode.StreamableHttp,
            OAuth = new ClientOAuthOptions
            {
                RedirectUri = new Uri("http://127.0.0.1:5999/callback"),
                DynamicClientRegistration = new DynamicClientRegistrationOptions
                {
                    ClientName = "SDK end-to-end test",
                    ResponseDelegate = (response, _) =>
                    {
                        registeredClient = response.ClientId;
                        return Task.CompletedTask;
                    },
                },
                AuthorizationCallbackHandler = async (context, token) =>
                {
                    using var browser = OAuthBrowser.Create();
                    var callback = await browser.AuthorizeAsync(context.AuthorizationUri, "alice", "password123", cancellationToken: token);
                    return new AuthorizationResult { Code = callback.Code!, State = callback.State!, Iss = callback.Issuer! };
                },
            },
        });

        await using var client = await McpClient.CreateAsync(transport, cancellationToken: ct);
        var result = await client.CallToolAsync("whoami", cancellationToken: ct);

        Assert.Equal("alice", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
        Assert.StartsWith("dcr_", registeredClient, StringComparison.Ordinal);
    }
}
