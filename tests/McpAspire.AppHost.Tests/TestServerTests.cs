using System.Net.Sockets;
using McpAspire.Testing;
using McpAspire.Testing.Infrastructure;
using Npgsql;

namespace McpAspire.AppHost.Tests;

/// <summary>The throwaway servers other test projects use run on the AppHost's orchestrator and clean up after themselves.</summary>
public class TestServerTests
{
    [Fact]
    public async Task ThrowawayPostgresServesNewDatabasesAndDisappearsAtDispose()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = await PostgresServer.StartAsync(ct);
        int postmaster;
        try
        {
            await server.CreateDatabaseAsync("scratch", ct);
            await using (var connection = new NpgsqlConnection(server.ConnectionString("scratch")))
            {
                await connection.OpenAsync(ct);
                await using var command = new NpgsqlCommand("SELECT current_database()", connection);
                Assert.Equal("scratch", await command.ExecuteScalarAsync(ct));
            }

            postmaster = OwnerOfPort(server.Port);
        }
        finally
        {
            await server.DisposeAsync();
            await server.DisposeAsync();
        }

        Assert.False(Processes.IsAlive(postmaster));
        await Assert.ThrowsAnyAsync<NpgsqlException>(async () =>
        {
            await using var connection = new NpgsqlConnection(server.ConnectionString("scratch") + ";Pooling=false");
            await connection.OpenAsync(ct);
        });
    }

    [Fact]
    public async Task ThrowawayRedisAnswersPingAndStopsAtDispose()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = await RedisServer.StartAsync(ct);
        Assert.Equal($"127.0.0.1:{server.Port}", server.ConnectionString);
        using (var client = new TcpClient())
        {
            await client.ConnectAsync("127.0.0.1", server.Port, ct);
            await client.GetStream().WriteAsync("PING\r\n"u8.ToArray(), ct);
            var reply = new byte[7];
            var read = await client.GetStream().ReadAsync(reply, ct);
            Assert.Equal("+PONG\r\n", System.Text.Encoding.ASCII.GetString(reply, 0, read));
        }

        await server.DisposeAsync();

        using var after = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => after.ConnectAsync("127.0.0.1", server.Port, ct).AsTask());
    }

    /// <summary>The PID listening on a loopback TCP port (from /proc/net/tcp and the processes' sockets).</summary>
    private static int OwnerOfPort(int port)
    {
        var hexPort = port.ToString("X4", System.Globalization.CultureInfo.InvariantCulture);
        var inode = File.ReadLines("/proc/net/tcp").Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .First(fields => fields[1].EndsWith(":" + hexPort, StringComparison.Ordinal) && fields[3] == "0A")[9];
        foreach (var process in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                if (Directory.EnumerateFileSystemEntries(Path.Combine(process, "fd"))
                    .Any(fd => new FileInfo(fd).LinkTarget == $"socket:[{inode}]"))
                {
                    return int.Parse(Path.GetFileName(process), System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }

        throw new InvalidOperationException($"No process listens on port {port}.");
    }
}
