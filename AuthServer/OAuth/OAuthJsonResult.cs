using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuthServer.OAuth;

/// <summary>A successful OAuth JSON response (200, no-store).</summary>
public sealed class OAuthJsonResult<T>(T value, int statusCode = StatusCodes.Status200OK) : IResult, IStatusCodeHttpResult
{
    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public T Value { get; } = value;

    public int? StatusCode => statusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(response.Body, Value, SerializerOptions, httpContext.RequestAborted);
    }
}
