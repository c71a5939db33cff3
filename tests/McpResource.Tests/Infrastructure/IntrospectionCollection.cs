namespace McpResource.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class IntrospectionCollection : ICollectionFixture<IntrospectionFixture>
{
    public const string Name = "McpResource with real token introspection";
}
