using McpAspire.Testing;

namespace McpAspire.AppHost.Tests;

/// <summary>Tests that share one whole app, started from the AppHost's model.</summary>
[CollectionDefinition(Name)]
public sealed class WholeAppCollection : ICollectionFixture<AppHostFixture>
{
    public const string Name = "whole app";
}
