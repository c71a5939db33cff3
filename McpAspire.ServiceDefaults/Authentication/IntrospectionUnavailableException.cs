namespace McpAspire.ServiceDefaults.Authentication;

/// <summary>
/// The token could not be checked: the authorization server (or its metadata) is unreachable, too slow or answered
/// with an error, and no cached result exists. The inner exception is the <see cref="HttpRequestException"/> or
/// <see cref="TimeoutException"/> behind it. Services answer 503. The message never contains the token.
/// </summary>
public sealed class IntrospectionUnavailableException : Exception
{
    public IntrospectionUnavailableException()
        : this("The authorization server could not be reached to check the token.")
    {
    }

    public IntrospectionUnavailableException(string message)
        : base(message)
    {
    }

    public IntrospectionUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
