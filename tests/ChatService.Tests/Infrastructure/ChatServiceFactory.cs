using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace ChatService.Tests.Infrastructure;

/// <summary>
/// ChatService in-process, configured like the AppHost configures it, against the fixture's servers: users'
/// tokens are checked by ServiceDefaults' introspection handler at the fake authorization server.
/// </summary>
public sealed class ChatServiceFactory(IReadOnlyDictionary<string, string?> settings)
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
    }
}
