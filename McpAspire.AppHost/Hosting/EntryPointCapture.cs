namespace McpAspire.Hosting;

/// <summary>Set by the testing builder while it runs the AppHost's entry point: the builder it creates is captured.</summary>
internal static class EntryPointCapture
{
    private static readonly AsyncLocal<bool> Active = new();

    public static bool IsActive
    {
        get => Active.Value;
        set => Active.Value = value;
    }
}
