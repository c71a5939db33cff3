using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using McpAspire.Testing;
using McpAspire.Testing.OAuth;
using Npgsql;

namespace ChatService.Tests.WholeApp;

/// <summary>
/// The whole app from the AppHost's model (PostgreSQL, Redis, AuthServer, McpResource, ChatService), started once for
/// the collection, and users signed in to the chat page the way a browser does it.
/// </summary>
public class WholeAppFixture : AppHostFixture
{
    public Uri ChatBase => GetEndpoint("chat-service");

    /// <summary>
    /// Signs <paramref name="user"/> in through the chat page: /signin redirects to AuthServer (authorization code + PKCE
    /// as chat-web, both resources), the login and consent forms are posted, the code comes back to /signin-callback,
    /// and /session hands the page its access token.
    /// </summary>
    public async Task<string> SignInAsync(string user, string password, CancellationToken cancellationToken)
    {
        using var page = await SignInPageAsync(user, password, cancellationToken);
        var session = await page.GetFromJsonAsync<JsonElement>(new Uri("/session", UriKind.Relative), cancellationToken);
        return session.GetProperty("access_token").GetString()!;
    }

    /// <summary>The chat page's side of a browser (its cookies) once <paramref name="user"/> has signed in.</summary>
    public async Task<HttpClient> SignInPageAsync(string user, string password, CancellationToken cancellationToken)
    {
        var page = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = ChatBase,
        };
        using var signIn = await page.GetAsync(new Uri("/signin", UriKind.Relative), cancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(GetEndpoint("auth-server").GetLeftPart(UriPartial.Authority), signIn.Headers.Location!.GetLeftPart(UriPartial.Authority));

        using var browser = OAuthBrowser.Create();
        var callback = await browser.AuthorizeAsync(signIn.Headers.Location!, user, password, cancellationToken: cancellationToken);
        Assert.Null(callback.Error);
        Assert.Equal(new Uri(ChatBase, "/signin-callback").AbsoluteUri, callback.Location.GetLeftPart(UriPartial.Path));

        using var back = await page.GetAsync(new Uri(callback.Location.PathAndQuery, UriKind.Relative), cancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        return page;
    }

    /// <summary>A chat API client carrying <paramref name="accessToken"/>.</summary>
    public HttpClient Api(string accessToken)
    {
        var api = new HttpClient { BaseAddress = ChatBase, Timeout = TimeSpan.FromSeconds(60) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return api;
    }

    /// <summary>Signs in and returns a chat API client for that user.</summary>
    public async Task<HttpClient> SignedInApiAsync(string user, string password, CancellationToken cancellationToken) =>
        Api(await SignInAsync(user, password, cancellationToken));

    /// <summary>The owners (sub, user name) of the tickets with this title in McpResource's database.</summary>
    public async Task<IReadOnlyList<(string Sub, string? Name)>> TicketOwnersAsync(string title, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(await GetConnectionStringAsync("mcpdb", cancellationToken));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT owner_sub, owner_name FROM tickets WHERE title = @title", connection);
        command.Parameters.AddWithValue("title", title);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var owners = new List<(string, string?)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            owners.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        return owners;
    }

    /// <summary>
    /// Withdraws <paramref name="user"/>'s consent for <paramref name="clientId"/> the way the user does it: signs in to
    /// AuthServer's "connected apps" page and presses that app's Revoke button. Nothing happens when there is none.
    /// </summary>
    public async Task RevokeConsentAsync(string user, string password, string clientId, CancellationToken cancellationToken)
    {
        var consents = new Uri(GetEndpoint("auth-server"), "/account/consents");
        using var browser = OAuthBrowser.Create();
        using (var challenge = await browser.Http.GetAsync(consents, cancellationToken))
        {
            Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
            var (_, error) = await browser.SubmitLoginAsync(new Uri(consents, challenge.Headers.Location!), user, password, cancellationToken);
            Assert.Null(error);
        }

        var html = await browser.Http.GetStringAsync(consents, cancellationToken);
        var form = Regex.Match(html, $"<form method=\"post\"[^>]*>(?:(?!</form>).)*value=\"{Regex.Escape(clientId)}\"(?:(?!</form>).)*</form>", RegexOptions.Singleline);
        if (!form.Success)
        {
            return;
        }

        var fields = new Dictionary<string, string>();
        foreach (var input in Regex.Matches(form.Value, "<input\\b[^>]*>").Select(m => m.Value))
        {
            var name = Regex.Match(input, "\\sname=\"([^\"]+)\"");
            var value = Regex.Match(input, "\\svalue=\"([^\"]*)\"");
            if (name.Success)
            {
                fields[name.Groups[1].Value] = WebUtility.HtmlDecode(value.Groups[1].Value);
            }
        }

        using var revoke = await browser.Http.PostAsync(consents, new FormUrlEncodedContent(fields), cancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.DoesNotContain($"value=\"{clientId}\"", await browser.Http.GetStringAsync(consents, cancellationToken), StringComparison.Ordinal);
    }

    /// <summary>Waits until <paramref name="resource"/> reports healthy (bounded by <paramref name="timeout"/>).</summary>
    public Task WaitHealthyAsync(string resource, TimeSpan timeout, CancellationToken cancellationToken) =>
        App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cancellationToken).WaitAsync(timeout, cancellationToken);
}
