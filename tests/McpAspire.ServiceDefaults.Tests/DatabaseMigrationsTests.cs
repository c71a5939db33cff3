using McpAspire.ServiceDefaults.Data;

namespace McpAspire.ServiceDefaults.Tests;

public sealed class DatabaseMigrationsTests
{
    [Theory]
    [InlineData("chatdb", 0x6368_6174_6462L)]
    [InlineData("mcpdb", 0x6d63_7064_62L)]
    [InlineData("authdb", 0x6175_7468_6462L)]
    public void TheAdvisoryLockKeyIsTheDatabaseNameInAscii(string database, long key) =>
        Assert.Equal(key, DatabaseMigrations.LockKey(database));

    [Fact]
    public void LongNamesGetAStableKeyOfTheirOwn()
    {
        Assert.Equal(DatabaseMigrations.LockKey("a-long-database-name"), DatabaseMigrations.LockKey("a-long-database-name"));
        Assert.NotEqual(DatabaseMigrations.LockKey("a-long-database-name"), DatabaseMigrations.LockKey("a-long-database-name2"));
    }
}
