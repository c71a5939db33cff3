namespace McpAspire.Dashboard.Tests;

/// <summary>The whole app started from the AppHost's model, with the dashboard it serves.</summary>
[CollectionDefinition(Name)]
public sealed class WholeAppCollection : ICollectionFixture<DashboardAppFixture>
{
    public const string Name = "whole app";
}
