using System.Collections.Concurrent;
using System.Diagnostics;
using McpAspire.ServiceDefaults.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace McpAspire.ServiceDefaults.Tests;

public sealed class TelemetryTests
{
    private static CancellationToken Timeout(int seconds = 60) =>
        CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken, new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token).Token;

    private static readonly ActivitySource Source = new("McpAspire.ServiceDefaults.Tests");

    [Fact]
    public async Task Spans_are_exported_over_OTLP_when_the_endpoint_is_set_and_flushed_when_the_host_is_disposed()
    {
        var ct = Timeout();
        var received = new ConcurrentQueue<string>();
        await using var collector = await TestApp.StartAsync(
            new Dictionary<string, string?>(),
            _ => { },
            app => app.Run(async context =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body, context.RequestAborted);
                received.Enqueue($"{context.Request.Path} {body.Length}");
                context.Response.StatusCode = 200;
            }),
            ct);

        var service = await TestApp.StartAsync(
            new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Address.ToString().TrimEnd('/'),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_SERVICE_NAME"] = "telemetry-test",
            },
            builder => builder.AddServiceDefaults(),
            app =>
            {
                app.MapDefaultEndpoints();
                app.MapGet("/work", () =>
                {
                    using var activity = Source.StartActivity("work");
                    return "done";
                });
            },
            ct);
        using (var client = service.CreateClient())
        {
            Assert.Equal("done", await client.GetStringAsync("/work", ct));
        }

        await service.DisposeAsync();

        Assert.Contains(received, r => r.StartsWith("/v1/traces ", StringComparison.Ordinal) && !r.EndsWith(" 0", StringComparison.Ordinal));
        Assert.Contains(received, r => r.StartsWith("/v1/metrics ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Requests_are_traced_but_health_probes_are_not_recorded()
    {
        var ct = Timeout();
        var stopped = new ConcurrentDictionary<string, bool>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.None,
            ActivityStopped = activity =>
            {
                if (activity.GetCustomProperty("test.path") is string path)
                {
                    stopped[path] = activity.Recorded;
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        await using var service = await TestApp.StartAsync(
            new Dictionary<string, string?>(),
            builder => builder.AddServiceDefaults(),
            app =>
            {
                app.Use((context, next) =>
                {
                    context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpActivityFeature>()?.Activity
                        .SetCustomProperty("test.path", context.Request.Path.Value);
                    return next(context);
                });
                app.MapDefaultEndpoints();
                app.MapGet("/work", () => "done");
            },
            ct);
        using var client = service.CreateClient();
        await client.GetStringAsync("/work", ct);
        await client.GetStringAsync("/health", ct);
        await client.GetStringAsync("/alive", ct);

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (stopped.Count < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, ct);
        }

        Assert.True(stopped["/work"]);
        Assert.False(stopped["/health"]);
        Assert.False(stopped["/alive"]);
    }
}
