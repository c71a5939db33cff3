using System.Globalization;
using McpAspire.Hosting;
using McpAspire.Hosting.Testing;

namespace McpAspire.AppHost.Tests;

/// <summary>The AppHost's model, built but not started: what each project would receive.</summary>
public class AppModelTests
{
    [Fact]
    public async Task EachProjectReceivesExactlyTheAspireConfigurationKeysOfItsReferences()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.McpAspire_AppHost>(
            ["--AppHost:Dashboard:Enabled=false"], ct);
        await using var app = await builder.BuildAsync(ct);

        var postgres = (PostgresServerResource)app.Resources.Single(r => r.Name == "postgres");
        var pg = string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={postgres.Port};Username=postgres;Password={postgres.Password.Value}");
        var cache = await app.GetConnectionStringAsync("cache", ct);
        var auth = app.GetEndpoint("auth-server").ToString().TrimEnd('/');
        var mcp = app.GetEndpoint("mcp-resource").ToString().TrimEnd('/');
        var chat = app.GetEndpoint("chat-service").ToString().TrimEnd('/');
        var mcpSecret = Parameter(app, "mcp-resource-client-secret");
        var chatSecret = Parameter(app, "chat-service-client-secret");

        Assert.Equal(new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = auth,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["OTEL_SERVICE_NAME"] = "auth-server",
            ["ConnectionStrings__authdb"] = pg + ";Database=authdb",
            ["ConnectionStrings__cache"] = cache!,
            ["AuthServer__Issuer"] = auth,
            ["AuthServer__Resources__mcp-resource__Uri"] = mcp + "/mcp",
            ["AuthServer__Resources__chat-service__Uri"] = chat + "/api",
            ["AuthServer__Clients__mcp-resource__ClientSecret"] = mcpSecret,
            ["AuthServer__Clients__chat-service__ClientSecret"] = chatSecret,
            ["AuthServer__Clients__chat-web__RedirectUris__0"] = chat + "/signin-callback",
        }, await app.GetEnvironmentVariablesAsync("auth-server", ct));

        Assert.Equal(new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = mcp,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["OTEL_SERVICE_NAME"] = "mcp-resource",
            ["ConnectionStrings__mcpdb"] = pg + ";Database=mcpdb",
            ["ConnectionStrings__cache"] = cache!,
            ["services__auth-server__http__0"] = auth,
            ["TokenValidation__Issuer"] = auth,
            ["TokenValidation__Audience"] = mcp + "/mcp",
            ["TokenValidation__ClientId"] = "mcp-resource",
            ["TokenValidation__ClientSecret"] = mcpSecret,
        }, await app.GetEnvironmentVariablesAsync("mcp-resource", ct));

        Assert.Equal(new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = chat,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["OTEL_SERVICE_NAME"] = "chat-service",
            ["ConnectionStrings__chatdb"] = pg + ";Database=chatdb",
            ["ConnectionStrings__cache"] = cache!,
            ["services__auth-server__http__0"] = auth,
            ["services__mcp-resource__http__0"] = mcp,
            ["TokenValidation__Issuer"] = auth,
            ["TokenValidation__Audience"] = chat + "/api",
            ["TokenValidation__ClientId"] = "chat-service",
            ["TokenValidation__ClientSecret"] = chatSecret,
            ["ChatService__McpResourceUri"] = mcp + "/mcp",
        }, await app.GetEnvironmentVariablesAsync("chat-service", ct));

        Assert.Matches(@"^127\.0\.0\.1:\d+$", cache);
        Assert.All(app.ResourceNotifications.GetSnapshots(), s => Assert.Equal(ResourceState.NotStarted, s.State));
        Assert.All(app.ResourceNotifications.GetSnapshots(), s => Assert.Null(s.ProcessId));
    }

    [Fact]
    public async Task ServicesWaitOnlyForTheirDatabaseAndRedisAndDatabasesForTheirServer()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.McpAspire_AppHost>(ct);
        var byName = builder.Resources.ToDictionary(r => r.Name);

        // The services call each other only when a request comes, so they start in parallel.
        Assert.Equal(["authdb", "cache"], ((ProjectResource)byName["auth-server"]).WaitsFor.Select(r => r.Name).Order());
        Assert.Equal(["cache", "mcpdb"], ((ProjectResource)byName["mcp-resource"]).WaitsFor.Select(r => r.Name).Order());
        Assert.Equal(["cache", "chatdb"], ((ProjectResource)byName["chat-service"]).WaitsFor.Select(r => r.Name).Order());
        Assert.All(["authdb", "mcpdb", "chatdb"], db => Assert.Same(byName["postgres"], ((PostgresDatabaseResource)byName[db]).Parent));
        Assert.All(["auth-server", "mcp-resource", "chat-service"], p => Assert.Equal("/health", ((ProjectResource)byName[p]).HealthCheckPath));
    }

    [Fact]
    public async Task ParametersComeFromConfigurationWhenSetAndAreGeneratedFreshOtherwise()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var first = await DistributedApplicationTestingBuilder.CreateAsync<Projects.McpAspire_AppHost>(
            ["--Parameters:mcp-resource-client-secret=from-configuration"], ct);
        await using var firstApp = await first.BuildAsync(ct);
        await using var second = await DistributedApplicationTestingBuilder.CreateAsync<Projects.McpAspire_AppHost>(ct);
        await using var secondApp = await second.BuildAsync(ct);

        Assert.Equal("from-configuration", Parameter(firstApp, "mcp-resource-client-secret"));
        Assert.Equal("from-configuration", (await firstApp.GetEnvironmentVariablesAsync("mcp-resource", ct))["TokenValidation__ClientSecret"]);
        var generated = Parameter(secondApp, "mcp-resource-client-secret");
        Assert.True(generated.Length >= 32, "a generated secret carries at least 192 bits");
        Assert.NotEqual(Parameter(firstApp, "chat-service-client-secret"), Parameter(secondApp, "chat-service-client-secret"));
    }

    [Fact]
    public async Task ExistingServersFromConfigurationAreUsedAndNothingIsStartedForThem()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.McpAspire_AppHost>(ct);
        builder.Configuration["ConnectionStrings:postgres"] = "Host=db.example;Port=5433;Username=app;Password=pw";
        builder.Configuration["ConnectionStrings:cache"] = "cache.example:6380";
        await using var app = await builder.BuildAsync(ct);

        Assert.Equal("Host=db.example;Port=5433;Username=app;Password=pw;Database=mcpdb", await app.GetConnectionStringAsync("mcpdb", ct));
        Assert.Equal("cache.example:6380", await app.GetConnectionStringAsync("cache", ct));
        Assert.True(((PostgresServerResource)app.Resources.Single(r => r.Name == "postgres")).IsExternal);
        Assert.Equal("existing server", app.ResourceNotifications.GetSnapshot("postgres").Url);
    }

    [Fact]
    public async Task CollectorEndpointReachesEveryProjectOnlyWhenConfigured()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var without = await DistributedApplicationTestingBuilder.CreateAsync<Projects.McpAspire_AppHost>(
            ["--AppHost:Dashboard:Enabled=false"], ct);
        await using var plainApp = await without.BuildAsync(ct);
        await using var with = await DistributedApplicationTestingBuilder.CreateAsync<Projects.McpAspire_AppHost>(
            ["--OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318"], ct);
        await using var collectedApp = await with.BuildAsync(ct);
        await using var dashboard = await DistributedApplicationTestingBuilder.CreateAsync<Projects.McpAspire_AppHost>(ct);
        var dashboardOtlp = dashboard.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        await using var dashboardApp = await dashboard.BuildAsync(ct);

        Assert.StartsWith("http://127.0.0.1:", dashboardOtlp, StringComparison.Ordinal);
        foreach (var service in new[] { "auth-server", "mcp-resource", "chat-service" })
        {
            Assert.False((await plainApp.GetEnvironmentVariablesAsync(service, ct)).ContainsKey("OTEL_EXPORTER_OTLP_ENDPOINT"));
            var environment = await collectedApp.GetEnvironmentVariablesAsync(service, ct);
            Assert.Equal("http://127.0.0.1:4318", environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
            Assert.Equal(service, environment["OTEL_SERVICE_NAME"]);

            // Without a configured collector, the dashboard's own OTLP receiver collects.
            Assert.Equal(dashboardOtlp, (await dashboardApp.GetEnvironmentVariablesAsync(service, ct))["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        }
    }

    [Fact]
    public async Task TestsCanChangeAServiceEnvironmentBeforeTheAppIsBuilt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.McpAspire_AppHost>(ct);
        builder.CreateResourceBuilder<ProjectResource>("auth-server").WithEnvironment("AuthServer__AccessTokenLifetime", "00:00:05");
        await using var app = await builder.BuildAsync(ct);

        Assert.Equal("00:00:05", (await app.GetEnvironmentVariablesAsync("auth-server", ct))["AuthServer__AccessTokenLifetime"]);
        Assert.False((await app.GetEnvironmentVariablesAsync("mcp-resource", ct)).ContainsKey("AuthServer__AccessTokenLifetime"));
    }

    private static string Parameter(DistributedApplication app, string name) =>
        ((ParameterResource)app.Resources.Single(r => r.Name == name)).Value;
}
