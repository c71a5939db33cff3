using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using McpAspire.Hosting;
using McpAspire.Hosting.Testing;
using McpAspire.Testing;
using Npgsql;

namespace McpAspire.AppHost.Tests;

/// <summary>Starting, stopping and failing resources of the real model, one app per test.</summary>
public class LifecycleTests
{
    [Fact]
    public async Task ResourceThatExitsDuringStartFailsStartAsyncWithinSecondsNamingItAndStopsEverything()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.McpAspire_AppHost>(ct);
        // A start timeout far beyond the bound below: failing within it means the exit was noticed, not waited out.
        builder.Configuration["AppHost:ResourceStartTimeout"] = "00:05:00";
        var hook = new RecordingHook();
        builder.AddLifecycleHook(hook);
        await using var app = await builder.BuildAsync(ct);

        // Another program holds the port chosen for auth-server: Kestrel cannot bind and the process exits.
        using var squatter = new TcpListener(IPAddress.Loopback, app.GetEndpoint("auth-server").Port);
        squatter.Start();
        var clock = Stopwatch.StartNew();
        var failure = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.StartAsync(ct));

        // Seconds when the machine is idle (initdb, then the service's start); the bound leaves room for a loaded CI.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"StartAsync took {clock.Elapsed} to fail");
        Assert.Equal("auth-server", failure.ResourceName);
        Assert.Contains("Resource 'auth-server' failed: it exited with code", failure.Message, StringComparison.Ordinal);
        Assert.True(failure.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase), failure.Message);
        Assert.Contains("Fix: another program took the port", failure.Message, StringComparison.Ordinal);
        Assert.Equal(ResourceState.FailedToStart, app.ResourceNotifications.GetSnapshot("auth-server").State);

        // Nothing is left running: the servers that did start were stopped before StartAsync threw.
        var started = app.ResourceNotifications.GetSnapshots().Where(s => s.ProcessId is not null).Select(s => s.ProcessId!.Value).ToList();
        Assert.NotEmpty(started);
        Assert.All(started, pid => Assert.False(Processes.IsAlive(pid), $"process {pid} is still running"));

        await app.DisposeAsync();
        Assert.Equal(["before start: all NotStarted", "after stop"], hook.Calls);
    }

    [Fact]
    public async Task DisposingTheAppLeavesNoChildProcessAndNoTemporaryDirectory()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.McpAspire_AppHost>(ct);
        var app = await builder.BuildAsync(ct);
        var stateDirectory = app.StateDirectory;
        List<int> processes;
        try
        {
            await app.StartResourceAsync("postgres", ct);
            await app.StartResourceAsync("authdb", ct);
            await app.StartResourceAsync("cache", ct);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("authdb", ct);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("cache", ct);
            var postmaster = app.ResourceNotifications.GetSnapshot("postgres").ProcessId!.Value;
            processes = [postmaster, app.ResourceNotifications.GetSnapshot("cache").ProcessId!.Value, .. Processes.ChildrenOf(postmaster)];
            Assert.True(Directory.Exists(stateDirectory));
            Assert.All(processes, pid => Assert.True(Processes.IsAlive(pid)));
        }
        finally
        {
            await app.DisposeAsync();
        }

        Assert.Empty(await Processes.WaitForExitAsync(processes, TimeSpan.FromSeconds(5), ct));
        Assert.False(Directory.Exists(stateDirectory), $"{stateDirectory} was not removed");
    }

    [Fact]
    public async Task StopGoesInReverseDependencyOrderDatabasesBeforeTheirServer()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.McpAspire_AppHost>(ct);
        var app = await builder.BuildAsync(ct);
        var events = new List<(string Name, ResourceState State)>();
        try
        {
            foreach (var name in new[] { "postgres", "authdb", "mcpdb", "chatdb" })
            {
                await app.StartResourceAsync(name, ct);
            }

            app.ResourceNotifications.Changed += snapshot =>
            {
                lock (events)
                {
                    events.Add((snapshot.Name, snapshot.State));
                }
            };
        }
        finally
        {
            await app.DisposeAsync();
        }

        var serverStopping = events.IndexOf(("postgres", ResourceState.Stopping));
        Assert.True(serverStopping >= 0, string.Join(", ", events));
        Assert.All(["authdb", "mcpdb", "chatdb"], db =>
            Assert.InRange(events.IndexOf((db, ResourceState.Stopped)), 0, serverStopping - 1));
        Assert.Contains(("postgres", ResourceState.Stopped), events);
    }

    [Fact]
    public async Task StoppedDatabaseServerRefusesConnectionsAndStartsAgainWithItsData()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.McpAspire_AppHost>(ct);
        await using var app = await builder.BuildAsync(ct);
        await app.StartResourceAsync("postgres", ct);
        await app.StartResourceAsync("mcpdb", ct);
        var connectionString = (await app.GetConnectionStringAsync("mcpdb", ct)) + ";Pooling=false;Timeout=2";
        await ExecuteAsync(connectionString, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)", ct);

        await app.StopResourceAsync("postgres", ct);
        Assert.Equal(ResourceState.Stopped, app.ResourceNotifications.GetSnapshot("postgres").State);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => ExecuteAsync(connectionString, "SELECT 1", ct));

        await app.StartResourceAsync("postgres", ct);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("postgres", ct);
        Assert.Equal(connectionString, (await app.GetConnectionStringAsync("mcpdb", ct)) + ";Pooling=false;Timeout=2");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var query = new NpgsqlCommand("SELECT id FROM kept", connection);
        Assert.Equal(42, await query.ExecuteScalarAsync(ct));
    }

    [Fact]
    public async Task WaitingForAResourceThatFailedThrowsInsteadOfHanging()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.McpAspire_AppHost>(ct);
        await using var app = await builder.BuildAsync(ct);
        // chat-service waits for chatdb, which waits for its server: a port clash on PostgreSQL fails all three.
        var postgres = (PostgresServerResource)app.Resources.Single(r => r.Name == "postgres");
        using var squatter = new TcpListener(IPAddress.Loopback, postgres.Port!.Value);
        squatter.Start();

        var waiting = app.ResourceNotifications.WaitForResourceHealthyAsync("chat-service", ct);
        await Assert.ThrowsAsync<DistributedApplicationException>(() => app.StartAsync(ct));

        var failure = await Assert.ThrowsAsync<DistributedApplicationException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(5), ct));
        Assert.Equal("chat-service", failure.ResourceName);
        Assert.Equal(ResourceState.FailedToStart, app.ResourceNotifications.GetSnapshot("chat-service").State);
    }

    [Fact]
    public async Task CacheRunsOnGarnetFromTheToolManifestWhenChosen()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.McpAspire_AppHost>(["--AppHost:RedisServer=garnet"], ct);
        await using var app = await builder.BuildAsync(ct);

        await app.StartResourceAsync("cache", ct);

        var snapshot = app.ResourceNotifications.GetSnapshot("cache");
        Assert.True(snapshot.IsHealthy);
        Assert.Contains(app.ResourceLogs.GetLines("cache"), line => line.Text.Contains("Garnet", StringComparison.Ordinal));
        var connection = (await app.GetConnectionStringAsync("cache", ct))!.Split(':');
        using var client = new TcpClient();
        await client.ConnectAsync(connection[0], int.Parse(connection[1], System.Globalization.CultureInfo.InvariantCulture), ct);
        var stream = client.GetStream();
        await stream.WriteAsync("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n"u8.ToArray(), ct);
        var reply = new byte[64];
        var read = 0;
        while (read < 12)
        {
            read += await stream.ReadAsync(reply.AsMemory(read), ct);
        }

        Assert.Equal("+OK\r\n$1\r\nv\r\n", System.Text.Encoding.ASCII.GetString(reply, 0, read));
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private sealed class RecordingHook : IDistributedApplicationLifecycleHook
    {
        public List<string> Calls { get; } = [];

        public Task BeforeStartAsync(DistributedApplication app, CancellationToken cancellationToken)
        {
            var states = app.ResourceNotifications.GetSnapshots().Select(s => s.State).Distinct().ToList();
            Calls.Add("before start: all " + string.Join(",", states));
            return Task.CompletedTask;
        }

        public Task AfterStartAsync(DistributedApplication app, CancellationToken cancellationToken)
        {
            Calls.Add("after start");
            return Task.CompletedTask;
        }

        public Task AfterStopAsync(DistributedApplication app)
        {
            Calls.Add("after stop");
            return Task.CompletedTask;
        }
    }
}
