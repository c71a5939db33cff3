using McpAspire.Hosting;
using McpAspire.Hosting.Testing;
using McpAspire.Testing;

namespace McpAspire.Dashboard.Tests;

/// <summary>
/// The whole app with its dashboard as the services' collector. The dashboard receives OTLP over HTTP (protobuf), while
/// the OpenTelemetry exporter's default protocol is gRPC: each service is told the protocol, unless the app model
/// already does so.
/// </summary>
public sealed class DashboardAppFixture : AppHostFixture
{
    protected override void Configure(IDistributedApplicationTestingBuilder builder)
    {
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            project.Environment.TryAdd("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        }
    }
}
