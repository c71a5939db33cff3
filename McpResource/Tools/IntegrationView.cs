using McpResource.Data;

namespace McpResource.Tools;

public sealed record IntegrationView(int Id, string Name, string Kind, string Description, bool IsActive, DateTimeOffset? LastSyncAt)
{
    public static IntegrationView From(Integration i) => new(i.Id, i.Name, i.Kind, i.Description, i.IsActive, i.LastSyncAt);
}
