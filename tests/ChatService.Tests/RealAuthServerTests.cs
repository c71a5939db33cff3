using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatService.Mcp;
using ChatService.Tests.Infrastructure;
using McpAspire.Testing.OAuth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatService.Tests;

/// <summary>
/// The chat page and API with the real AuthServer: sign-in through its login and consent pages as chat-web for both
/// resources, the resulting token accepted by introspection for ChatService's audience, and the service's own
/// client-credentials token.
/// </summary>
[Collection(ChatCollection.Name)]
public sealed class RealAuthServerTests(ChatFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThePageSignsInThroughTheRealAuthServerAndTheApiAcceptsTheToken()
    {
        var port = FreePorts.Next();
        var issuer = $"http://127.0.0.1:{port}";
        const string secret = "chat-service-secret-0123456789abcdef";
        await fixture.CreateDatabaseAsync("authdb", Ct);
        await using var auth = new AuthHost(new Dictionary<string, string?>
        {
            ["ConnectionStrings:authdb"] = fixture.Settings()["ConnectionStrings:chatdb"]!.Replace("Database=chatdb", "Database=authdb", StringComparison.Ordinal),
            ["ConnectionStrings:cache"] = fixture.Settings()["ConnectionStrings:cache"],
            ["AuthServer:Issuer"] = issuer,
            ["AuthServer:Resources:mcp-resource:Uri"] = fixture.Mcp.Uri,
            ["AuthServer:Resources:chat-service:Uri"] = ChatFixture.ChatAudience,
            ["AuthServer:Clients:mcp-resource:ClientSecret"] = "mcp-resource-secret-0123456789abcdef",
            ["AuthServer:Clients:chat-service:ClientSecret"] = secret,
            ["AuthServer:Clients:chat-web:RedirectUris:0"] = "http://chat-service.test/signin-callback",
        });
        auth.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        auth.StartServer();
        var chat = fixture.CreateChat(s =>
        {
            s["TokenValidation:Issuer"] = issuer;
            s["TokenValidation:ClientSecret"] = secret;
        });

        using var page = chat.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var signIn = await page.GetAsync("/signin", Ct);
        using var browser = OAuthBrowser.Create();
        var callback = await browser.AuthorizeAsync(signIn.Headers.Location!, "alice", "password123", cancellationToken: Ct);
        Assert.Null(callback.Error);
        using var back = await page.GetAsync(callback.Location.PathAndQuery, Ct);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        var session = await page.GetFromJsonAsync<JsonElement>("/session", Ct);
        using var api = chat.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", session.GetProperty("access_token").GetString());
        var me = await api.GetFromJsonAsync<JsonElement>("/api/chat/me", Ct);
        var conversation = await api.CreateConversationAsync(Ct);

        Assert.Equal("alice", me.GetProperty("username").GetString());
        Assert.True(me.GetProperty("tools_allowed").GetBoolean());
        Assert.Contains("mcp:write", me.Strings("scopes"));
        Assert.NotEqual(Guid.Empty, conversation);
        var tokens = chat.Services.GetRequiredService<ServiceTokenManager>();
        Assert.False(string.IsNullOrEmpty(await tokens.GetTokenAsync(Ct)));
    }

    private sealed class AuthHost(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<AuthServer.AuthServerEntryPoint>
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
