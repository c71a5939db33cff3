namespace McpResource.Tests;

public class SmokeTests
{
    [Fact]
    public void ProjectBuilds() => Assert.NotNull(typeof(SmokeTests).Assembly);
}
