namespace AuthServer.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class AuthServerCollection : ICollectionFixture<AuthServerFixture>
{
    public const string Name = "AuthServer";
}
