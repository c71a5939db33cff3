namespace McpAspire.ServiceDefaults.Http;

/// <summary>Limits applied to every HttpClient from IHttpClientFactory (configuration section <c>HttpClientDefaults</c>).</summary>
public sealed class HttpClientDefaultsOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "HttpClientDefaults";

    /// <summary>Time for one attempt to get the response headers.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time for all attempts together.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt (idempotent methods only).</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First retry delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Failure ratio within <see cref="CircuitSamplingDuration"/> that opens the circuit.</summary>
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>Window over which failures are counted.</summary>
    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests needed in the window before the circuit may open.</summary>
    public int CircuitMinimumThroughput { get; set; } = 20;

    /// <summary>How long an open circuit refuses requests.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
