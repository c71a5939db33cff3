namespace AuthServer.Data;

/// <summary>One Data Protection key (XML), shared by every replica.</summary>
public sealed class DataProtectionKeyRecord
{
    public int Id { get; set; }

    public string FriendlyName { get; set; } = "";

    public string Xml { get; set; } = "";
}
