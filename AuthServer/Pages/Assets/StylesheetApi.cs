namespace AuthServer.Pages.Assets;

/// <summary>Serves the pages' stylesheet from the assembly (CSP allows styles from 'self' only, no inline styles).</summary>
public static class StylesheetApi
{
    private static readonly Lazy<byte[]> Stylesheet = new(() =>
    {
        using var stream = typeof(StylesheetApi).Assembly.GetManifestResourceStream("AuthServer.site.css")
            ?? throw new InvalidOperationException("The embedded stylesheet is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IEndpointRouteBuilder MapStylesheet(this IEndpointRouteBuilder app)
    {
        app.MapGet("/site.css", (HttpResponse response) =>
        {
            response.Headers.CacheControl = "public, max-age=3600";
            return TypedResults.Bytes(Stylesheet.Value, "text/css");
        }).ExcludeFromDescription();
        return app;
    }
}
