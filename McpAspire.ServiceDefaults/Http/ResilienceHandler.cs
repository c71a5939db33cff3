using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace McpAspire.ServiceDefaults.Http;

/// <summary>
/// Sends each request through the client's resilience pipeline (total timeout, retry with jitter for idempotent
/// methods, circuit breaker, attempt timeout). Pipeline rejections surface as the exceptions HttpClient callers
/// already handle: a timeout as <see cref="TaskCanceledException"/>, an open circuit as <see cref="HttpRequestException"/>.
/// </summary>
internal sealed class ResilienceHandler(ResiliencePipelines pipelines, string clientName) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var pipeline = pipelines.Get(clientName, request.RequestUri);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ResiliencePipelines.RequestKey, request);
        try
        {
            return await pipeline.ExecuteAsync(
                static (ctx, state) => new ValueTask<HttpResponseMessage>(state.Handler.SendInner(state.Request, ctx.CancellationToken)),
                context,
                (Handler: this, Request: request)).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TaskCanceledException(
                $"The request to {request.RequestUri?.GetLeftPart(UriPartial.Authority)} timed out after {exception.Timeout.TotalSeconds:0.#} s.",
                new TimeoutException(exception.Message, exception));
        }
        catch (BrokenCircuitException exception)
        {
            throw new HttpRequestException(
                HttpRequestError.ConnectionError,
                $"Requests to {request.RequestUri?.GetLeftPart(UriPartial.Authority)} are paused after repeated failures (circuit open).",
                exception);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendInner(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
