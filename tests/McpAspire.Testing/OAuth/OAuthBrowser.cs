using System.Net;
using System.Text.RegularExpressions;

namespace McpAspire.Testing.OAuth;

/// <summary>
/// Plays the user's browser against AuthServer: follows the authorization request through the login and consent
/// pages (posting the server-rendered forms with their antiforgery fields) and stops at the redirect to the
/// client, returning code, state and iss. Give it an HttpClient that keeps cookies and does not follow redirects,
/// or use <see cref="Create"/>.
/// </summary>
public sealed partial class OAuthBrowser(HttpClient http, bool ownsClient = false) : IDisposable
{
    private const int MaxSteps = 12;

    /// <summary>A browser over real HTTP, with its own cookie jar.</summary>
    public static OAuthBrowser Create() =>
        new(new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }), ownsClient: true);

    public HttpClient Http => http;

    /// <summary>
    /// Opens <paramref name="authorizationUri"/>, signs in as <paramref name="userName"/> when asked, answers the consent
    /// page (allow unless <paramref name="approve"/> is false) and returns what reached the client's redirect URI.
    /// </summary>
    public async Task<AuthorizationCallback> AuthorizeAsync(
        Uri authorizationUri, string userName, string password, bool approve = true, CancellationToken cancellationToken = default)
    {
        var authority = authorizationUri.GetLeftPart(UriPartial.Authority);
        var current = authorizationUri;
        using var first = await http.GetAsync(current, cancellationToken);
        var response = first;
        HttpResponseMessage? owned = null;
        try
        {
            for (var step = 0; step < MaxSteps; step++)
            {
                if (IsRedirect(response.StatusCode))
                {
                    var location = new Uri(current, response.Headers.Location!);
                    if (!string.Equals(location.GetLeftPart(UriPartial.Authority), authority, StringComparison.OrdinalIgnoreCase))
                    {
                        return AuthorizationCallback.From(location);
                    }

                    current = location;
                    owned?.Dispose();
                    response = owned = await http.GetAsync(current, cancellationToken);
                    continue;
                }

                var html = await response.Content.ReadAsStringAsync(cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    throw new OAuthBrowserException((int)response.StatusCode, PageMessage(html));
                }

                var fields = HiddenFields(html);
                if (html.Contains("name=\"Input.Password\"", StringComparison.Ordinal))
                {
                    if (html.Contains("class=\"error\"", StringComparison.Ordinal))
                    {
                        throw new OAuthBrowserException((int)response.StatusCode, PageMessage(html));
                    }

                    fields["Input.UserName"] = userName;
                    fields["Input.Password"] = password;
                }
                else if (html.Contains("name=\"decision\"", StringComparison.Ordinal))
                {
                    fields["decision"] = approve ? "allow" : "deny";
                }
                else
                {
                    throw new OAuthBrowserException((int)response.StatusCode, PageMessage(html));
                }

                var action = FormAction(html) is { } target ? new Uri(current, WebUtility.HtmlDecode(target)) : current;
                using var content = new FormUrlEncodedContent(fields);
                owned?.Dispose();
                response = owned = await http.PostAsync(action, content, cancellationToken);
                current = action;
            }

            throw new OAuthBrowserException(0, "Too many steps before the redirect to the client.");
        }
        finally
        {
            owned?.Dispose();
        }
    }

    /// <summary>Posts the login form once and returns the page status and its error text (null after a redirect).</summary>
    public async Task<(HttpStatusCode Status, string? Error)> SubmitLoginAsync(Uri loginPage, string userName, string password, CancellationToken cancellationToken = default)
    {
        using var page = await http.GetAsync(loginPage, cancellationToken);
        var fields = HiddenFields(await page.Content.ReadAsStringAsync(cancellationToken));
        fields["Input.UserName"] = userName;
        fields["Input.Password"] = password;
        using var content = new FormUrlEncodedContent(fields);
        using var response = await http.PostAsync(loginPage, content, cancellationToken);
        if (IsRedirect(response.StatusCode))
        {
            return (response.StatusCode, null);
        }

        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        return (response.StatusCode, html.Contains("class=\"error\"", StringComparison.Ordinal) ? PageMessage(html) : null);
    }

    public void Dispose()
    {
        if (ownsClient)
        {
            http.Dispose();
        }
    }

    private static bool IsRedirect(HttpStatusCode status) => (int)status is >= 300 and < 400;

    private static Dictionary<string, string> HiddenFields(string html)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in InputTag().Matches(html))
        {
            var tag = input.Value;
            if (Attribute(tag, "type") != "hidden" || Attribute(tag, "name") is not { } name)
            {
                continue;
            }

            fields[name] = Attribute(tag, "value") ?? "";
        }

        return fields;
    }

    private static string? FormAction(string html) => FormTag().Match(html) is { Success: true } form ? Attribute(form.Value, "action") : null;

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"", RegexOptions.IgnoreCase);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    private static string PageMessage(string html)
    {
        var error = ErrorParagraph().Match(html);
        var text = error.Success ? error.Groups[1].Value : TagPattern().Replace(html, " ");
        text = WebUtility.HtmlDecode(WhitespacePattern().Replace(text, " ")).Trim();
        return text.Length > 300 ? text[..300] : text;
    }

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();

    [GeneratedRegex("<form\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex FormTag();

    [GeneratedRegex("class=\"error\"[^>]*>(.*?)</", RegexOptions.Singleline)]
    private static partial Regex ErrorParagraph();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();

    [GeneratedRegex("\\s+")]
    private static partial Regex WhitespacePattern();
}
