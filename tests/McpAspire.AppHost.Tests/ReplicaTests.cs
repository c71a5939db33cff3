using System.Net;
using System.Net.Sockets;
using System.Text;
using McpAspire.Hosting;
using McpAspire.Hosting.Orchestration;
using McpAspire.Hosting.Testing;

namespace McpAspire.AppHost.Tests;

/// <summary>WithReplicas: several processes behind the project's one endpoint.</summary>
public class ReplicaTests
{
    [Fact]
    public async Task EachReplicaListensOnItsOwnPortWhileTheModelKeepsOneAddress()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.McpAspire_AppHost>(ct);
        builder.CreateResourceBuilder<ProjectResource>("mcp-resource").WithReplicas(2);
        await using var app = await builder.BuildAsync(ct);
        var mcp = (ProjectResource)app.Resources.Single(r => r.Name == "mcp-resource");
        var settings = AppHostSettings.Read(app.Configuration);

        Assert.Equal(2, mcp.ReplicaPorts.Distinct().Count());
        Assert.DoesNotContain(mcp.Port!.Value, mcp.ReplicaPorts);
        for (var replica = 0; replica < 2; replica++)
        {
            var environment = await ProjectEnvironment.ResolveAsync(mcp, settings, ct, replica);
            Assert.Equal($"http://127.0.0.1:{mcp.ReplicaPorts[replica]}", environment["ASPNETCORE_URLS"]);
            Assert.Equal($"service.instance.id=mcp-resource-{replica}", environment["OTEL_RESOURCE_ATTRIBUTES"]);
            Assert.Equal($"http://127.0.0.1:{mcp.Port}/mcp", environment["TokenValidation__Audience"]);
        }

        Assert.Equal($"http://127.0.0.1:{mcp.Port}", (await app.GetEnvironmentVariablesAsync("chat-service", ct))["services__mcp-resource__http__0"]);
    }

    [Fact]
    public async Task ProxySpreadsConnectionsOverLiveReplicasAndSkipsDeadOnes()
    {
        var ct = TestContext.Current.CancellationToken;
        using var first = new TcpListener(IPAddress.Loopback, 0);
        using var second = new TcpListener(IPAddress.Loopback, 0);
        first.Start();
        second.Start();
        int[] backends = [((IPEndPoint)first.LocalEndpoint).Port, ((IPEndPoint)second.LocalEndpoint).Port];
        using var serving = new CancellationTokenSource();
        var servers = new[] { Serve(first, "one", serving.Token), Serve(second, "two", serving.Token) };
        var live = new[] { true, true };
        var port = FreePort();
        await using (var proxy = new TcpProxy(port, backends, index => live[index]))
        {
            var answers = new List<string>();
            for (var i = 0; i < 4; i++)
            {
                answers.Add(await AskAsync(port, "ping" + i, ct));
            }

            Assert.Equal(2, answers.Count(a => a.StartsWith("one:", StringComparison.Ordinal)));
            Assert.Equal(2, answers.Count(a => a.StartsWith("two:", StringComparison.Ordinal)));
            Assert.All(answers.Select((answer, i) => (answer, i)), pair => Assert.EndsWith(":ping" + pair.i, pair.answer, StringComparison.Ordinal));

            live[0] = false;
            for (var i = 0; i < 3; i++)
            {
                Assert.StartsWith("two:", await AskAsync(port, "after" + i, ct), StringComparison.Ordinal);
            }
        }

        await serving.CancelAsync();
        first.Stop();
        second.Stop();
        await Task.WhenAll(servers);
        using var closed = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => closed.ConnectAsync(IPAddress.Loopback, port, ct).AsTask());
    }

    private static async Task<string> AskAsync(int port, string message, CancellationToken ct)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, ct);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(message), ct);
        client.Client.Shutdown(SocketShutdown.Send);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadToEndAsync(ct);
    }

    /// <summary>A backend that answers "&lt;name&gt;:&lt;what it received&gt;" and closes.</summary>
    private static async Task Serve(TcpListener listener, string name, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(ct);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            using (client)
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
                var received = await reader.ReadToEndAsync(ct);
                await stream.WriteAsync(Encoding.ASCII.GetBytes(name + ":" + received), ct);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
