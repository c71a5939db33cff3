namespace ChatService.Tests.WholeApp;

/// <summary>Tests that share one whole app started from the AppHost's model; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class WholeAppCollection : ICollectionFixture<WholeAppFixture>
{
    public const string Name = "whole app";
}
