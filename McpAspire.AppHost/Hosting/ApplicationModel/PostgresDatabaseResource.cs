namespace McpAspire.Hosting;

/// <summary>A database of a <see cref="PostgresServerResource"/>, created at start when missing.</summary>
public sealed class PostgresDatabaseResource : IResourceWithConnectionString, IResourceWithParent
{
    internal PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent)
    {
        Name = name;
        DatabaseName = databaseName;
        Parent = parent;
        ConnectionStringExpression = new ReferenceExpression("{0}", [new DeferredValue(() => parent.ConnectionString(databaseName), name + ".connectionString")]);
    }

    public string Name { get; }

    public string DatabaseName { get; }

    public PostgresServerResource Parent { get; }

    IResource IResourceWithParent.Parent => Parent;

    public ReferenceExpression ConnectionStringExpression { get; }
}
