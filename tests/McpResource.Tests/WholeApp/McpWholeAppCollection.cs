namespace McpResource.Tests.WholeApp;

/// <summary>McpResource's tests against the whole app (started once from the AppHost's model for all of them).</summary>
[CollectionDefinition(Name)]
public sealed class McpWholeAppCollection : ICollectionFixture<McpWholeAppFixture>
{
    public const string Name = "mcp whole app";
}
