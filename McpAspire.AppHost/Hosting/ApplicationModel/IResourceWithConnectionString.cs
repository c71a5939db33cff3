namespace McpAspire.Hosting;

/// <summary>A resource others reach by connection string: <c>ConnectionStrings__&lt;name&gt;</c> in their environment.</summary>
public interface IResourceWithConnectionString : IResource
{
    ReferenceExpression ConnectionStringExpression { get; }
}
