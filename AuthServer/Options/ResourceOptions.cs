namespace AuthServer.Options;

/// <summary>A protected resource: its canonical URI (the <c>aud</c> of its tokens) and the scopes that belong to it.</summary>
public sealed class ResourceOptions
{
    public string Uri { get; set; } = "";

    public List<string> Scopes { get; set; } = [];
}
