using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace McpAspire.ServiceDefaults.Http;

/// <summary>
/// One resilience pipeline per HttpClient name and target authority, so that one failing service opens only its
/// own circuit. Pipelines outlive the message handlers (which the factory recycles), keeping circuit state.
/// </summary>
internal sealed class ResiliencePipelines(IOptionsMonitor<HttpClientDefaultsOptions> options)
{
    internal static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("McpAspire.HttpRequest");

    private readonly ConcurrentDictionary<(string Client, string Authority), ResiliencePipeline<HttpResponseMessage>> _pipelines = new();

    public ResiliencePipeline<HttpResponseMessage> Get(string clientName, Uri? uri) =>
        _pipelines.GetOrAdd(
            (clientName, uri is { IsAbsoluteUri: true } ? uri.GetLeftPart(UriPartial.Authority) : string.Empty),
            static (_, settings) => Build(settings),
            options.CurrentValue);

    internal static ResiliencePipeline<HttpResponseMessage> Build(HttpClientDefaultsOptions settings)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>().AddTimeout(settings.TotalTimeout);
        if (settings.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.MaxRetryAttempts,
                Delay = settings.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(
                    IsIdempotent(args.Context) && IsTransient(args.Outcome, args.Context.CancellationToken)),
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = settings.CircuitFailureRatio,
                SamplingDuration = settings.CircuitSamplingDuration,
                MinimumThroughput = settings.CircuitMinimumThroughput,
                BreakDuration = settings.CircuitBreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome, args.Context.CancellationToken)),
            })
            .AddTimeout(settings.AttemptTimeout)
            .Build();
    }

    /// <summary>Only requests that may be repeated without changing anything are retried.</summary>
    internal static bool IsIdempotent(ResilienceContext context)
    {
        if (!context.Properties.TryGetValue(RequestKey, out var request))
        {
            return false;
        }

        var method = request.Method;
        return method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options
            || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Trace;
    }

    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken) =>
        outcome switch
        {
            { Exception: HttpRequestException } => true,
            { Exception: TimeoutRejectedException } => true,
            { Exception: OperationCanceledException } => !cancellationToken.IsCancellationRequested,
            { Result: { } response } => (int)response.StatusCode >= 500
                || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests,
            _ => false,
        };
}
