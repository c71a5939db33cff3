namespace ChatService.Mcp;

/// <summary>No service token could be obtained: the authorization server is down or refused the grant.</summary>
public sealed class ServiceTokenUnavailableException : Exception
{
    public ServiceTokenUnavailableException()
    {
    }

    public ServiceTokenUnavailableException(string message)
        : base(message)
    {
    }

    public ServiceTokenUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
