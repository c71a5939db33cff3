using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace McpAspire.Hosting.Orchestration;

/// <summary>
/// A Redis-protocol server on the loopback port chosen at build: <c>redis-server</c> from the PATH, else Microsoft's
/// Garnet from the AppHost's local tool manifest (<c>dotnet tool restore</c>). No persistence: it is a cache.
/// Healthy when PING answers PONG.
/// </summary>
internal sealed class RedisRunner(RedisResource resource, OrchestratorContext context) : ResourceRunner(resource, context)
{
    public override string ResourceType => "Redis";

    public override string? Url => resource.IsExternal
        ? "existing server"
        : string.Create(CultureInfo.InvariantCulture, $"tcp://127.0.0.1:{resource.Port}");

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (resource.IsExternal)
        {
            return;
        }

        var port = resource.Port!.Value.ToString(CultureInfo.InvariantCulture);
        // AppHost:RedisServer: "auto" (redis-server when on the PATH, else Garnet), "redis-server" or "garnet".
        var choice = Context.Settings.RedisServer;
        var redis = choice is "auto" or "redis-server" ? Executables.Find("redis-server") : null;
        var garnet = redis is null && choice is "auto" or "garnet" ? await Garnet.LocateAsync(Context.LogSink(Name), cancellationToken) : null;
        ProcessLaunch launch;
        if (redis is not null)
        {
            launch = new ProcessLaunch(Name, redis,
                ["--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", Context.State.Directory]);
        }
        else if (garnet is not null)
        {
            launch = new ProcessLaunch(Name, Executables.Dotnet(), [garnet, "--port", port, "--bind", "127.0.0.1"]);
        }
        else
        {
            throw new DistributedApplicationException(
                Name,
                choice switch
                {
                    "redis-server" => "redis-server is not on the PATH (AppHost:RedisServer=redis-server)",
                    "garnet" => "the Garnet tool could not be restored (AppHost:RedisServer=garnet)",
                    _ => "no Redis-protocol server was found: redis-server is not on the PATH and the Garnet tool could not be restored",
                },
                "install Redis (Debian/Ubuntu: sudo apt-get install redis-server), or run `dotnet tool restore` in McpAspire.AppHost for Garnet, " +
                "or use an existing server: set ConnectionStrings:cache (e.g. the environment variable ConnectionStrings__cache=127.0.0.1:6379)");
        }

        Process = ManagedProcess.Start(launch, Context.LogSink(Name));
    }

    public override async Task<bool> CheckHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (host, port) = Endpoint();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("*1\r\n$4\r\nPING\r\n"u8.ToArray(), timeout.Token);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            var reply = Encoding.ASCII.GetString(buffer, 0, read);
            if (reply.StartsWith("+PONG", StringComparison.Ordinal))
            {
                LastHealthProblem = null;
                return true;
            }

            LastHealthProblem = "PING answered " + reply.Trim();
            return false;
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LastHealthProblem = "PING failed: " + ex.Message;
            return false;
        }
    }

    private (string Host, int Port) Endpoint()
    {
        if (!resource.IsExternal)
        {
            return ("127.0.0.1", resource.Port!.Value);
        }

        // StackExchange.Redis configuration: the first comma-separated item without '=' is host:port.
        var first = resource.ExternalConnectionString!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .First(part => !part.Contains('=', StringComparison.Ordinal));
        var colon = first.LastIndexOf(':');
        return colon < 0 ? (first, 6379) : (first[..colon], int.Parse(first[(colon + 1)..], CultureInfo.InvariantCulture));
    }
}
