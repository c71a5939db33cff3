using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace McpAspire.Hosting.Orchestration;

/// <summary>
/// A project: its built assembly started as <c>dotnet &lt;dll&gt;</c> in the project directory, on the loopback port
/// chosen at build. Healthy when GET of its health path answers 200 (or, without one, when the port accepts).
/// </summary>
internal sealed class ProjectRunner(ProjectResource resource, OrchestratorContext context, HttpClient http) : ResourceRunner(resource, context), IAsyncDisposable
{
    private List<ManagedProcess>? _replicas;
    private TcpProxy? _proxy;

    public override string ResourceType => "Project";

    public override string? Url => resource.GetEndpoint(ProjectResource.HttpEndpointName).Url;

    public override TimeSpan HealthPollInterval => TimeSpan.FromMilliseconds(150);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var assembly = resource.Metadata.AssemblyPath;
        if (!File.Exists(assembly))
        {
            throw new DistributedApplicationException(
                Name,
                $"its assembly {assembly} does not exist",
                "build the AppHost, which builds every project it starts: dotnet build McpAspire.AppHost");
        }

        if (resource.Replicas <= 1)
        {
            Process = ManagedProcess.Start(await LaunchAsync(null, cancellationToken), Context.LogSink(Name));
            return;
        }

        var replicas = new List<ManagedProcess>();
        try
        {
            for (var index = 0; index < resource.Replicas; index++)
            {
                var prefix = $"[{index}] ";
                var sink = Context.LogSink(Name);
                replicas.Add(ManagedProcess.Start(await LaunchAsync(index, cancellationToken), (line, isError) => sink(prefix + line, isError)));
            }

            _proxy = new TcpProxy(resource.Port!.Value, resource.ReplicaPorts, index => !replicas[index].HasExited);
        }
        catch
        {
            replicas.ForEach(replica => replica.Kill());
            throw;
        }

        _replicas = replicas;
        Process = replicas[0];
    }

    public override IReadOnlyList<ManagedProcess> Processes => _replicas ?? base.Processes;

    public override async Task StopAsync(TimeSpan timeout)
    {
        await DisposeAsync();
        await Task.WhenAll(Processes.Select(process => process.StopAsync("TERM", timeout)));
    }

    /// <summary>Closes the replicas' proxy (the processes are stopped by <see cref="StopAsync"/>).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_proxy is { } proxy)
        {
            _proxy = null;
            await proxy.DisposeAsync();
        }
    }

    public override async Task<bool> CheckHealthAsync(CancellationToken cancellationToken)
    {
        if (resource.ReplicaPorts.Count == 0)
        {
            return await CheckHealthAsync(new Uri(Url!), cancellationToken);
        }

        // Every replica answers for itself, on its own port.
        foreach (var port in resource.ReplicaPorts)
        {
            if (!await CheckHealthAsync(new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}")), cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    private async Task<ProcessLaunch> LaunchAsync(int? replica, CancellationToken cancellationToken) =>
        new(
            Name,
            Executables.Dotnet(),
            [resource.Metadata.AssemblyPath],
            Path.GetDirectoryName(resource.Metadata.ProjectPath),
            await ProjectEnvironment.ResolveAsync(resource, Context.Settings, cancellationToken, replica),
            RemoveEnvironment: ProjectEnvironment.Removed);

    private async Task<bool> CheckHealthAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            if (resource.HealthCheckPath is null)
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, url.Port, cancellationToken);
                LastHealthProblem = null;
                return true;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            using var response = await http.GetAsync(new Uri(url, resource.HealthCheckPath), timeout.Token);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                LastHealthProblem = null;
                return true;
            }

            LastHealthProblem = response.StatusCode == HttpStatusCode.NotFound
                ? $"GET {resource.HealthCheckPath} answered 404: the service does not map it (call app.MapDefaultEndpoints())"
                : $"GET {resource.HealthCheckPath} answered {(int)response.StatusCode}";
            return false;
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LastHealthProblem = $"GET {resource.HealthCheckPath ?? "/"} failed: {ex.Message}";
            return false;
        }
    }
}
