using System.Globalization;
using System.Net.Sockets;

namespace McpAspire.Testing.Infrastructure;

/// <summary>A throwaway redis-server on a free loopback port (no persistence), stopped at dispose.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly ChildProcess _server;

    private RedisServer(ChildProcess server, int port)
    {
        _server = server;
        Port = port;
    }

    public int Port { get; }

    /// <summary>StackExchange.Redis configuration string, as the AppHost passes it in ConnectionStrings__cache.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync(CancellationToken cancellationToken)
    {
        var port = FreePorts.Next();
        var server = new RedisServer(
            ChildProcess.Start("redis-server", ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", Path.GetTempPath()]),
            port);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, cancellationToken);
                return server;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !server._server.Process.HasExited)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync(TimeSpan.FromSeconds(5));
        _server.Dispose();
    }
}
