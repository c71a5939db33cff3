namespace AuthServer.Options;

/// <summary>A user seeded in Development and tests.</summary>
public sealed class TestUserOptions
{
    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";

    public string? Email { get; set; }

    public List<string> Scopes { get; set; } = [];
}
