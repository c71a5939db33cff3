using System.Net;
using System.Net.Sockets;

namespace McpAspire.Hosting.Orchestration;

/// <summary>
/// The public endpoint of a project with replicas: accepts on the project's port and forwards each connection to the
/// next live replica (round robin), as Aspire's proxy does, so every address in the model stays one URL.
/// </summary>
internal sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IReadOnlyList<int> _backends;
    private readonly Func<int, bool> _isLive;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;
    private int _next = -1;

    public TcpProxy(int port, IReadOnlyList<int> backends, Func<int, bool> isLive)
    {
        _backends = backends;
        _isLive = isLive;
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        using (client)
        {
            for (var attempt = 0; attempt < _backends.Count; attempt++)
            {
                var index = (int)((uint)Interlocked.Increment(ref _next) % (uint)_backends.Count);
                if (!_isLive(index))
                {
                    continue;
                }

                using var backend = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await backend.ConnectAsync(IPAddress.Loopback, _backends[index], _stopping.Token);
                }
                catch (SocketException)
                {
                    continue;
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                client.NoDelay = true;
                await using var clientStream = new NetworkStream(client, ownsSocket: false);
                await using var backendStream = new NetworkStream(backend, ownsSocket: false);
                var up = PumpAsync(clientStream, backend, backendStream);
                var down = PumpAsync(backendStream, client, clientStream);
                await Task.WhenAll(up, down);
                return;
            }
        }
    }

    /// <summary>Copies until the source ends, then half-closes the destination so the other side sees the end too.</summary>
    private async Task PumpAsync(NetworkStream source, Socket destinationSocket, NetworkStream destination)
    {
        try
        {
            await source.CopyToAsync(destination, _stopping.Token);
            destinationSocket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            try
            {
                destinationSocket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception inner) when (inner is SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
