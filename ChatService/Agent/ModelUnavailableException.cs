namespace ChatService.Agent;

/// <summary>The model endpoint failed or the reply took too long: the API answers 503 and keeps the user's message.</summary>
public sealed class ModelUnavailableException : Exception
{
    public ModelUnavailableException()
    {
    }

    public ModelUnavailableException(string message)
        : base(message)
    {
    }

    public ModelUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
