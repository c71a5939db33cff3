using System.Collections.Concurrent;
using System.Text;

namespace ChatService.Web;

/// <summary>The page's files, embedded in the assembly (nothing is fetched from outside the machine).</summary>
public static class PageAssets
{
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    public static IResult Result(string name, string contentType)
    {
        var text = Cache.GetOrAdd(name, static n =>
        {
            using var stream = typeof(PageAssets).Assembly.GetManifestResourceStream("ChatService.Web.Assets." + n)
                ?? throw new InvalidOperationException($"The page asset {n} is not embedded.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        });
        return new PageResult(text, contentType);
    }

    private sealed class PageResult(string text, string contentType) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var headers = httpContext.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'; form-action 'self' http: https:";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-cache";
            httpContext.Response.ContentType = contentType;
            return httpContext.Response.WriteAsync(text, httpContext.RequestAborted);
        }
    }
}
