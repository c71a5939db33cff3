using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;

namespace AuthServer.OAuth;

/// <summary>Writes an <see cref="OAuthError"/> as RFC 6749 JSON with no-store caching.</summary>
public sealed class OAuthErrorResult(OAuthError error) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public OAuthError Error { get; } = error;

    public int? StatusCode => Error.StatusCode;

    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(OAuthError), ["application/json"]));

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = Error.StatusCode;
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        if (Error.StatusCode == StatusCodes.Status401Unauthorized && Error.Error == OAuthErrors.InvalidClient)
        {
            response.Headers.WWWAuthenticate = "Basic realm=\"AuthServer\", charset=\"UTF-8\"";
        }

        response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(response.Body);
        writer.WriteStartObject();
        writer.WriteString(OAuthParameters.Error, Error.Error);
        if (Error.Description is not null)
        {
            writer.WriteString(OAuthParameters.ErrorDescription, Error.Description);
        }

        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
