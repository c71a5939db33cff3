namespace AuthServer.Options;

/// <summary>Signing keys: how long one signs before a new one takes over.</summary>
public sealed class SigningKeyOptions
{
    public TimeSpan RotateAfter { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often each replica re-reads the key set from the database.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);
}
