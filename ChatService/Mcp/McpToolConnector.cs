using ChatService.Options;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace ChatService.Mcp;

/// <summary>
/// Opens an MCP client (Streamable HTTP) to McpResource that acts for one user: the service token and the user's
/// token ride on every request, and the tools are listed anew so the agent sees only what this user may call.
/// </summary>
public sealed class McpToolConnector(
    ServiceTokenManager tokens,
    IHttpMessageHandlerFactory handlers,
    IOptions<ChatServiceOptions> options,
    ILoggerFactory loggerFactory)
{
    public const string HttpClientName = "mcp-resource";

    private static readonly Implementation ClientInfo = new()
    {
        Name = "McpAspire.ChatService",
        Version = typeof(McpToolConnector).Assembly.GetName().Version?.ToString(3) ?? "1.0.0",
    };

    /// <exception cref="McpUnavailableException">McpResource or the authorization server could not be reached.</exception>
    public async Task<McpToolSession> ConnectAsync(string userToken, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.McpConnectTimeout);

        // The factory's handler (pooled connections, ServiceDefaults' resilience) stays owned by the factory.
        var handler = new DualTokenHandler(tokens, userToken) { InnerHandler = handlers.CreateHandler(HttpClientName) };
        var http = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions
            {
                Endpoint = settings.McpResourceUri!,
                Name = HttpClientName,
                TransportMode = HttpTransportMode.StreamableHttp,
                EnableStandaloneGetStream = false,
                ConnectionTimeout = settings.McpConnectTimeout,
            },
            http,
            loggerFactory,
            ownsHttpClient: true);

        McpClient? client = null;
        try
        {
            client = await McpClient.CreateAsync(transport, new McpClientOptions { ClientInfo = ClientInfo }, loggerFactory, timeout.Token);
            var tools = await client.ListToolsAsync(cancellationToken: timeout.Token);
            return new McpToolSession(client, [.. tools]);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
        {
            if (client is not null)
            {
                await client.DisposeAsync();
            }
            else
            {
                await transport.DisposeAsync();
            }

            throw new McpUnavailableException(Describe(ex), ex);
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        ServiceTokenUnavailableException => "the service could not obtain its access token",
        HttpRequestException { StatusCode: { } status } => $"McpResource answered {(int)status}",
        HttpRequestException => "McpResource could not be reached",
        OperationCanceledException => "McpResource did not answer in time",
        _ => "McpResource could not be used",
    };
}
