using System.Text.Encodings.Web;

namespace AuthServer.Authorization;

/// <summary>
/// The page shown when an authorization request cannot be sent back to the client (unknown client or redirect URI):
/// a plain server-rendered page, status 400, never a redirect.
/// </summary>
public sealed class ErrorPageResult(string error, string description) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status400BadRequest;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var encoder = HtmlEncoder.Default;
        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        httpContext.Response.Headers.CacheControl = "no-store";
        httpContext.Response.ContentType = "text/html; charset=utf-8";
        return httpContext.Response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Authorization error</title>
            <meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/site.css"></head>
            <body><main>
            <h1>The request cannot be completed</h1>
            <p>Error: <code>{encoder.Encode(error)}</code></p>
            <p>{encoder.Encode(description)}</p>
            <p>Return to the application you came from and try again.</p>
            </main></body></html>
            """,
            httpContext.RequestAborted);
    }
}
