using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatService.Tests.Infrastructure;

/// <summary>ChatService in-process, configured like the AppHost configures it, against the fixture's servers.</summary>
public sealed class ChatServiceFactory(IReadOnlyDictionary<string, string?> settings, FakeAuthorizationServer auth, string audience)
    : WebApplicationFactory<ChatService.Data.ChatDbContext>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(services => services
            .AddAuthentication(TestIntrospectionHandler.SchemeName)
            .AddScheme<TestIntrospectionOptions, TestIntrospectionHandler>(TestIntrospectionHandler.SchemeName, o =>
            {
                o.Server = auth;
                o.Audience = audience;
            }));
    }
}
