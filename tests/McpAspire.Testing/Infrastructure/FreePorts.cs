using McpAspire.Hosting.Networking;

namespace McpAspire.Testing.Infrastructure;

/// <summary>Free loopback ports for servers a test starts itself, from the AppHost's allocator (never handed out twice).</summary>
public static class FreePorts
{
    public static int Next() => LoopbackPorts.Next();
}
