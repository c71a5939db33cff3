using System.Net;
using System.Net.Sockets;

namespace McpAspire.Hosting.Orchestration;

/// <summary>
/// A project: its built assembly started as <c>dotnet &lt;dll&gt;</c> in the project directory, on the loopback port
/// chosen at build. Healthy when GET of its health path answers 200 (or, without one, when the port accepts).
/// </summary>
internal sealed class ProjectRunner(ProjectResource resource, OrchestratorContext context, HttpClient http) : ResourceRunner(resource, context)
{
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

        var environment = await ProjectEnvironment.ResolveAsync(resource, Context.Settings, cancellationToken);
        var launch = new ProcessLaunch(
            Name,
            Executables.Dotnet(),
            [assembly],
            Path.GetDirectoryName(resource.Metadata.ProjectPath),
            environment,
            RemoveEnvironment: ProjectEnvironment.Removed);
        Process = ManagedProcess.Start(launch, Context.LogSink(Name));
    }

    public override async Task<bool> CheckHealthAsync(CancellationToken cancellationToken)
    {
        var url = new Uri(Url!);
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
