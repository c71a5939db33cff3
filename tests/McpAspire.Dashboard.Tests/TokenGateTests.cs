using System.Net;
using McpAspire.Dashboard.Web;

namespace McpAspire.Dashboard.Tests;

public sealed class TokenGateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/")]
    [InlineData("/logs/auth-server")]
    [InlineData("/traces")]
    [InlineData("/metrics")]
    [InlineData("/structured")]
    [InlineData("/dashboard.js")]
    public async Task PagesWithoutTheSessionCookieAskForTheTokenAndShowNothingElse(string path)
    {
        await using var dashboard = await TestDashboard.StartAsync();
        dashboard.PublishAppResources();
        dashboard.Board.WriteLog("auth-server", "secret-looking log line", isError: false);
        using var client = dashboard.AnonymousClient();

        using var response = await client.GetAsync(path, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("name=\"token\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("auth-server", body, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-looking", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LiveStreamsWithoutTheCookieAre401()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        using var client = dashboard.AnonymousClient();

        using var resources = await client.GetAsync("/api/resources/stream", HttpCompletionOption.ResponseHeadersRead, Ct);
        using var logs = await client.GetAsync("/api/logs/auth-server/stream", HttpCompletionOption.ResponseHeadersRead, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, resources.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, logs.StatusCode);
    }

    [Fact]
    public async Task AWrongTokenIsRefusedAndSetsNoCookie()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        using var client = dashboard.AnonymousClient();

        using var response = await client.GetAsync("/login?t=wrong-token", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Contains("not the token", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePrintedLoginAddressSetsAnHttpOnlyCookieThatIsNotTheTokenAndRedirectsHome()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        dashboard.PublishAppResources();
        using var client = dashboard.AnonymousClient();

        using var login = await client.GetAsync(new Uri(dashboard.Running.LoginUrl), Ct);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.OriginalString);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(DashboardTokenGate.CookieName + "=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(TestDashboard.Token, cookie, StringComparison.Ordinal);

        using var home = new HttpRequestMessage(HttpMethod.Get, "/");
        home.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var page = await client.SendAsync(home, Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-resource=\"auth-server\"", html, StringComparison.Ordinal);
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task TheLoginFormAcceptsThePastedToken()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        using var client = dashboard.AnonymousClient();

        using var form = new FormUrlEncodedContent([new("token", TestDashboard.Token)]);
        using var response = await client.PostAsync("/login", form, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(DashboardTokenGate.CookieName + "=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AForgedCookieIsRefused()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        using var client = dashboard.AnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", DashboardTokenGate.CookieName + "=" + TestDashboard.Token);

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TheOtlpPortServesNoPagesAndTheBrowserPortTakesNoTelemetry()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        using var client = new HttpClient();

        using var page = await client.GetAsync(new Uri(dashboard.Running.OtlpEndpoint + "/"), Ct);
        using var content = new ByteArrayContent([]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-protobuf");
        using var otlp = await client.PostAsync(new Uri(dashboard.Running.BrowserUrl, "/v1/traces"), content, Ct);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otlp.StatusCode);
    }
}
