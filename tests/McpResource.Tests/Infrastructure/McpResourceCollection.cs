namespace McpResource.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class McpResourceCollection : ICollectionFixture<McpResourceFactory>
{
    public const string Name = "McpResource in process";
}
