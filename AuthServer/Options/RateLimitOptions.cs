namespace AuthServer.Options;

/// <summary>A fixed-window limit per client address.</summary>
public sealed class RateLimitOptions
{
    public int PermitLimit { get; set; } = 100;

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(10);
}
