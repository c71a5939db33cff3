using AuthServer.Data;
using AuthServer.OAuth;
using AuthServer.Options;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AuthServer.Users;

/// <summary>Creates the test users of <c>AuthServer:TestUsers</c>, in Development (and tests) only, idempotently.</summary>
public sealed partial class TestUserSeeder(
    UserManager<AuthUser> users,
    IOptions<AuthServerOptions> options,
    IHostEnvironment environment,
    ILogger<TestUserSeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment() || options.Value.TestUsers.Count == 0)
        {
            return;
        }

        foreach (var settings in options.Value.TestUsers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var scopes = Scopes.Join(settings.Scopes);
            var user = await users.FindByNameAsync(settings.UserName);
            if (user is null)
            {
                user = new AuthUser
                {
                    UserName = settings.UserName,
                    Email = settings.Email ?? $"{settings.UserName}@example.com",
                    EmailConfirmed = true,
                    Scopes = scopes,
                };
                var created = await users.CreateAsync(user, settings.Password);
                if (!created.Succeeded)
                {
                    throw new InvalidOperationException(
                        $"AuthServer:TestUsers: user '{settings.UserName}' could not be created: {string.Join("; ", created.Errors.Select(e => e.Code))}");
                }

                LogCreated(logger, settings.UserName);
            }
            else if (user.Scopes != scopes)
            {
                user.Scopes = scopes;
                await users.UpdateAsync(user);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created test user {UserName}")]
    private static partial void LogCreated(ILogger logger, string userName);
}
