using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace McpAspire.Hosting.Networking;

/// <summary>
/// Hands out free loopback ports for resources to listen on. A port is chosen by the AppHost and bound later by the
/// child process, so it is taken below the kernel's ephemeral range, where outgoing connections (which the OS gives
/// ephemeral ports) cannot take it in between, and never handed out twice by this process.
/// </summary>
public static class LoopbackPorts
{
    private static readonly HashSet<int> HandedOut = [];
    private static readonly Lazy<(int Low, int High)> Range = new(ChooseRange);

    /// <summary>A port nothing listens on now and that this process has not handed out before.</summary>
    public static int Next()
    {
        var (low, high) = Range.Value;
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(low, high + 1);
            lock (HandedOut)
            {
                if (HandedOut.Contains(port) || !IsFree(port))
                {
                    continue;
                }

                HandedOut.Add(port);
                return port;
            }
        }

        // The range is crowded: let the OS choose.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var chosen = ((IPEndPoint)listener.LocalEndpoint).Port;
        lock (HandedOut)
        {
            HandedOut.Add(chosen);
        }

        return chosen;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Up to 10,000 ports just below the ephemeral range (Linux: /proc/sys/net/ipv4/ip_local_port_range; else 49152).</summary>
    private static (int Low, int High) ChooseRange()
    {
        var ephemeralLow = 49152;
        try
        {
            var text = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range");
            var parts = text.Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 0 && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var low))
            {
                ephemeralLow = low;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        var high = ephemeralLow - 1;
        var start = Math.Max(high - 10_000, 10_000);
        return start < high ? (start, high) : (10_000, 20_000);
    }
}
