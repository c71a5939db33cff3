using System.Net;
using McpAspire.Testing.OAuth;
using ModelContextProtocol;
using ModelContextProtocol.Authentication;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpResource.Tests.WholeApp;

/// <summary>
/// The MCP C# SDK's client as any MCP host uses it: it finds AuthServer from McpResource's 401, registers itself
/// (RFC 7591), sends the user through authorization code + PKCE (the test plays the browser: login and consent
/// forms), and calls tools with the token it got.
/// </summary>
[Collection(McpWholeAppCollection.Name)]
public sealed class WholeAppSdkClientTests(McpWholeAppFixture app)
{
    [Fact]
    public async Task SdkClientRegistersSignsAliceInAndCallsReadAndWriteTools()
    {
        var ct = TestContext.Current.CancellationToken;
        using var flow = new SignInFlow("alice", "password123");
        await using var client = await ConnectAsync(flow, ct);

        Assert.Equal(1, flow.SignIns);
        Assert.NotNull(flow.RegisteredClientId);
        var tools = await client.ListToolsAsync(cancellationToken: ct);
        Assert.Contains(tools, t => t.Name == "list_tickets");
        Assert.Contains(tools, t => t.Name == "create_ticket");
        Assert.DoesNotContain(tools, t => t.Name == "admin_list_all_tickets");
        var profile = await client.CallToolAsync("get_user_profile", cancellationToken: ct);
        Assert.Contains("\"username\":\"alice\"", Text(profile), StringComparison.Ordinal);

        var title = $"Filed through the SDK ({Guid.NewGuid():N})";
        var created = await client.CallToolAsync("create_ticket", new Dictionary<string, object?> { ["title"] = title, ["priority"] = "high" }, cancellationToken: ct);
        Assert.NotEqual(true, created.IsError);
        var listed = await client.CallToolAsync("list_tickets", cancellationToken: ct);
        Assert.NotEqual(true, listed.IsError);
        Assert.Contains(title, Text(listed), StringComparison.Ordinal);
        Assert.Equal(1, flow.SignIns);
    }

    [Fact]
    public async Task SdkClientSignedInAsBobIsRefusedTheWriteTool()
    {
        var ct = TestContext.Current.CancellationToken;
        using var flow = new SignInFlow("bob", "secret456");
        await using var client = await ConnectAsync(flow, ct);

        // bob asked for mcp:write too, but AuthServer grants only what he has.
        var tools = await client.ListToolsAsync(cancellationToken: ct);
        Assert.Contains(tools, t => t.Name == "list_tickets");
        Assert.DoesNotContain(tools, t => t.Name == "create_ticket");
        var listed = await client.CallToolAsync("list_tickets", cancellationToken: ct);
        Assert.NotEqual(true, listed.IsError);

        // The 403 insufficient_scope makes the client send bob through authorization again; he still cannot get
        // mcp:write, so the retried call is refused as well.
        var title = $"bob may not write ({Guid.NewGuid():N})";
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() =>
            client.CallToolAsync("create_ticket", new Dictionary<string, object?> { ["title"] = title }, cancellationToken: ct).AsTask());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(2, flow.SignIns);

        var admin = await app.Tokens.ForMcpAsync("admin", ct);
        using var http = app.CreateMcpClient();
        var found = await WholeAppMcp.CallToolJsonAsync(http, admin, "search_tickets", new { query = title }, ct);
        Assert.Equal(0, found.GetArrayLength());
    }

    private static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(result.Content[0]).Text;

    private async Task<McpClient> ConnectAsync(SignInFlow flow, CancellationToken ct)
    {
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions
            {
                Endpoint = new Uri(app.McpResourceUri),
                TransportMode = HttpTransportMode.StreamableHttp,
                OAuth = new ClientOAuthOptions
                {
                    RedirectUri = new Uri("http://127.0.0.1:5999/callback"),
                    AuthorizationCallbackHandler = flow.AuthorizeAsync,
                    // Ask for writing as well as what the challenge names (reading), at registration and sign-in:
                    // AuthServer keeps a registered client to the scopes it registered with, so a later step-up from
                    // mcp:read could not gain mcp:write.
                    ScopeSelector = scopes => (scopes ?? []).Append("mcp:write").Distinct(StringComparer.Ordinal),
                    DynamicClientRegistration = new DynamicClientRegistrationOptions
                    {
                        ClientName = "McpResource whole-app tests",
                        ResponseDelegate = (response, _) =>
                        {
                            flow.RegisteredClientId = response.ClientId;
                            return Task.CompletedTask;
                        },
                    },
                },
            },
            loggerFactory: null);
        return await McpClient.CreateAsync(
            transport, new McpClientOptions { ClientInfo = new() { Name = "mcp-resource-whole-app-tests", Version = "1.0" } }, cancellationToken: ct);
    }

    /// <summary>The user at the browser: signs in and consents on AuthServer's pages, returns what reached the redirect URI.</summary>
    private sealed class SignInFlow(string userName, string password) : IDisposable
    {
        private readonly OAuthBrowser _browser = OAuthBrowser.Create();

        public int SignIns { get; private set; }

        public string? RegisteredClientId { get; set; }

        public async Task<AuthorizationResult?> AuthorizeAsync(AuthorizationCallbackContext context, CancellationToken cancellationToken)
        {
            SignIns++;
            var callback = await _browser.AuthorizeAsync(context.AuthorizationUri, userName, password, cancellationToken: cancellationToken);
            if (callback.Code is null)
            {
                throw new McpException($"The authorization server answered {callback.Error}: {callback.ErrorDescription}");
            }

            return new AuthorizationResult { Code = callback.Code, State = callback.State, Iss = callback.Issuer };
        }

        public void Dispose() => _browser.Dispose();
    }
}
