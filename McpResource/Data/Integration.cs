namespace McpResource.Data;

/// <summary>An external system the help desk is connected to (seeded reference data).</summary>
public sealed class Integration
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public required string Kind { get; set; }

    public string Description { get; set; } = "";

    public bool IsActive { get; set; }

    public DateTimeOffset? LastSyncAt { get; set; }
}
