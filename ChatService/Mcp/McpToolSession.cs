using ModelContextProtocol.Client;

namespace ChatService.Mcp;

/// <summary>A connection to McpResource for one user and one reply, with the tools that user may call.</summary>
public sealed class McpToolSession(McpClient client, IReadOnlyList<McpClientTool> tools) : IAsyncDisposable
{
    public McpClient Client { get; } = client;

    /// <summary>The tools McpResource listed for this user (it lists only what the user and the service may both call).</summary>
    public IReadOnlyList<McpClientTool> Tools { get; } = tools;

    public McpClientTool? Find(string name) => Tools.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));

    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
