using ChatService.Data;
using ChatService.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatService.Tests;

[Collection(ChatCollection.Name)]
public sealed class MigrationTests(ChatFixture fixture)
{
    [Fact]
    public async Task TheMigrationsMatchTheModelAndAreAllAppliedAtStart()
    {
        _ = fixture.Chat.Server;
        await using var scope = fixture.Chat.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();

        Assert.False(db.Database.HasPendingModelChanges());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Contains("20261122184500_InitialCreate", await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
    }
}
