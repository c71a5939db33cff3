using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatService.Tests.Infrastructure;
using McpAspire.Testing.OAuth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace ChatService.Tests;

/// <summary>
/// The real chain without the AppHost: the real AuthServer (login and consent pages, tokens, introspection), the real
/// McpResource (checking both tokens of the dual stream at AuthServer) and ChatService. Users sign in through the
/// chat page; their tools run in McpResource as them.
/// </summary>
[Collection(ChatCollection.Name)]
public sealed class FullChainTests(ChatFixture fixture)
{
    private const string ChatSecret = "chat-service-secret-0123456789abcdef";
    private const string McpSecret = "mcp-resource-secret-0123456789abcdef";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AlicesChatCreatesHerTicketInMcpResourceBobIsRefusedAndCannotSeeHerConversation()
    {
        var database = "stack" + Guid.NewGuid().ToString("N")[..8];
        await fixture.CreateDatabaseAsync(database + "_auth", Ct);
        await fixture.CreateDatabaseAsync(database + "_mcp", Ct);
        var settings = fixture.Settings();
        string Connection(string db) => settings["ConnectionStrings:chatdb"]!.Replace("Database=chatdb", "Database=" + db, StringComparison.Ordinal);
        var authPort = FreePorts.Next();
        var issuer = $"http://127.0.0.1:{authPort}";
        var mcpUri = $"http://127.0.0.1:{FreePorts.Next()}/mcp";

        await using var auth = new Host<AuthServer.AuthServerEntryPoint>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:authdb"] = Connection(database + "_auth"),
            ["ConnectionStrings:cache"] = settings["ConnectionStrings:cache"],
            ["AuthServer:Issuer"] = issuer,
            ["AuthServer:Resources:mcp-resource:Uri"] = mcpUri,
            ["AuthServer:Resources:chat-service:Uri"] = ChatFixture.ChatAudience,
            ["AuthServer:Clients:mcp-resource:ClientSecret"] = McpSecret,
            ["AuthServer:Clients:chat-service:ClientSecret"] = ChatSecret,
            ["AuthServer:Clients:chat-web:RedirectUris:0"] = "http://chat-service.test/signin-callback",
        });
        auth.UseKestrel(o => o.Listen(IPAddress.Loopback, authPort));
        auth.StartServer();
        await using var mcp = new RealMcpResource(new Dictionary<string, string?>
        {
            ["ConnectionStrings:mcpdb"] = Connection(database + "_mcp"),
            ["ConnectionStrings:cache"] = settings["ConnectionStrings:cache"],
            ["TokenValidation:Issuer"] = issuer,
            ["TokenValidation:ClientId"] = "mcp-resource",
            ["TokenValidation:ClientSecret"] = McpSecret,
        }, mcpUri);
        mcp.Start(new Uri(mcpUri).Port);
        var chat = fixture.CreateChat(s =>
        {
            s["TokenValidation:Issuer"] = issuer;
            s["TokenValidation:ClientSecret"] = ChatSecret;
            s["ChatService:McpResourceUri"] = mcpUri;
        });

        using var alice = await SignInAsync(chat, "alice", "password123");
        using var bob = await SignInAsync(chat, "bob", "secret456");
        var alicesConversation = await alice.CreateConversationAsync(Ct);
        var created = await alice.AskAsync(alicesConversation, "Open a ticket: VPN drops every hour", Ct);
        var bobsConversation = await bob.CreateConversationAsync(Ct);
        var refused = await bob.AskAsync(bobsConversation, "Create a ticket titled Bob was here", Ct);
        var bobReads = await bob.AskAsync(bobsConversation, "What integrations are available?", Ct);
        using var peek = await bob.GetAsync($"/api/chat/conversations/{alicesConversation}", Ct);

        Assert.Equal(["create_ticket"], created.Strings("tools_used"));
        Assert.Equal("alice", await TicketOwnerAsync(Connection(database + "_mcp"), "VPN drops every hour"));
        Assert.Contains("permission", refused.GetProperty("content").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Null(await TicketOwnerAsync(Connection(database + "_mcp"), "Bob was here"));
        Assert.Equal(["get_active_integrations"], bobReads.Strings("tools_used"));
        Assert.Equal(HttpStatusCode.NotFound, peek.StatusCode);
    }

    private static async Task<HttpClient> SignInAsync(ChatServiceFactory chat, string user, string password)
    {
        using var page = chat.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var signIn = await page.GetAsync("/signin", Ct);
        using var browser = OAuthBrowser.Create();
        var callback = await browser.AuthorizeAsync(signIn.Headers.Location!, user, password, cancellationToken: Ct);
        Assert.Null(callback.Error);
        using var back = await page.GetAsync(callback.Location.PathAndQuery, Ct);
        var session = await page.GetFromJsonAsync<JsonElement>("/session", Ct);
        var api = chat.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", session.GetProperty("access_token").GetString());
        return api;
    }

    private static async Task<string?> TicketOwnerAsync(string connectionString, string title)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT owner_name FROM tickets WHERE title = @title", connection);
        command.Parameters.AddWithValue("title", title);
        return await command.ExecuteScalarAsync(Ct) as string;
    }

    private sealed class Host<TEntryPoint>(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<TEntryPoint>
        where TEntryPoint : class
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
