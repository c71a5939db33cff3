using McpAspire.Hosting;
using McpAspire.Hosting.Testing;
using McpAspire.Testing;

namespace McpResource.Tests.WholeApp;

/// <summary>
/// The whole app, with AuthServer logging each request it receives on one line with its trace id, so the tests can
/// count the introspections McpResource makes (<see cref="AuthServerRequestLog"/>). Also holds the users' token
/// source, so each user signs in once per run.
/// </summary>
public sealed class McpWholeAppFixture : AppHostFixture, IAsyncDisposable
{
    private UserTokens? _tokens;

    public UserTokens Tokens => _tokens ??= new UserTokens(this);

    /// <summary>McpResource's canonical resource URI (its tokens' audience), e.g. <c>http://127.0.0.1:5123/mcp</c>.</summary>
    public string McpResourceUri => GetEndpoint("mcp-resource").GetLeftPart(UriPartial.Authority) + "/mcp";

    /// <summary>ChatService's API audience: a resource that is not McpResource.</summary>
    public string ChatApiUri => GetEndpoint("chat-service").GetLeftPart(UriPartial.Authority) + "/api";

    /// <summary>AuthServer's issuer as the AppHost configures it (no trailing slash).</summary>
    public string Issuer => GetEndpoint("auth-server").GetLeftPart(UriPartial.Authority);

    /// <summary>An HttpClient for McpResource (base address = its origin).</summary>
    public HttpClient CreateMcpClient() => CreateHttpClient("mcp-resource");

    protected override void Configure(IDistributedApplicationTestingBuilder builder)
    {
        builder.CreateResourceBuilder<ProjectResource>("auth-server")
            .WithEnvironment("Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics", "Information")
            .WithEnvironment("Logging__Console__FormatterName", "simple")
            .WithEnvironment("Logging__Console__FormatterOptions__SingleLine", "true")
            .WithEnvironment("Logging__Console__FormatterOptions__IncludeScopes", "true");
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        _tokens?.Dispose();
        await DisposeAsync();
    }
}
