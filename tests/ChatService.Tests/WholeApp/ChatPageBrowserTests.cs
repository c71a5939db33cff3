using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using McpAspire.Testing.Browser;
using Microsoft.Playwright;

namespace ChatService.Tests.WholeApp;

/// <summary>
/// The chat page in headless Chromium against the whole app: sign in on AuthServer's login and consent pages, ask for a
/// ticket, watch the streamed reply and the tool that ran; bob's write request shows the permission answer.
/// Screenshots: <c>screenshots/chat-*.png</c> in the test output folder.
/// </summary>
[Collection(WholeAppCollection.Name)]
public sealed class ChatPageBrowserTests(WholeAppFixture fixture, ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AliceSignsInOnTheLoginPageAsksForATicketAndSeesTheStreamedReplyAndTheToolUsed()
    {
        // Alice withdraws an earlier consent on AuthServer's "connected apps" page, so this sign-in asks for it again.
        await fixture.RevokeConsentAsync("alice", "password123", "chat-web", Ct);
        await using var browser = await HeadlessBrowser.LaunchAsync();
        var page = await browser.NewPageAsync();

        var signedOut = await MeasureLoadAsync(page, page.Locator("#signin"));
        output.WriteLine($"chat page load, signed out: {signedOut}");
        await Assertions.Expect(page.Locator("#welcome")).ToBeVisibleAsync();
        Screenshot(output, await HeadlessBrowser.ScreenshotAsync(page, "chat-signed-out"));

        await page.Locator("#signin").ClickAsync();
        await Assertions.Expect(page.Locator("input[name='Input.UserName']")).ToBeVisibleAsync();
        Assert.StartsWith(fixture.GetEndpoint("auth-server").GetLeftPart(UriPartial.Authority), page.Url, StringComparison.Ordinal);
        await page.Locator("input[name='Input.UserName']").FillAsync("alice");
        await page.Locator("input[name='Input.Password']").FillAsync("password123");
        Screenshot(output, await HeadlessBrowser.ScreenshotAsync(page, "chat-authserver-login"));
        await page.Locator("button[type='submit']").ClickAsync();
        await Assertions.Expect(page.Locator("button[name='decision'][value='allow']")).ToBeVisibleAsync();
        await AnswerConsentAsync(page, "chat-authserver-consent");
        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync("alice");

        var signedIn = await MeasureLoadAsync(page, page.Locator("#who:text('alice')"));
        output.WriteLine($"chat page load, signed in (session, profile, conversations): {signedIn}");

        var title = "Printer on floor 3 jams " + Guid.NewGuid().ToString("N")[..6];
        var reply = await AskAsync(page, $"Open a ticket: {title}");

        await Assertions.Expect(reply.Locator(".content")).ToContainTextAsync("created ticket #");
        await Assertions.Expect(reply.Locator(".content")).ToContainTextAsync(title);
        await Assertions.Expect(reply.Locator(".tool[data-tool='create_ticket']")).ToHaveTextAsync("create_ticket");
        await Assertions.Expect(reply.Locator(".flag")).ToHaveCountAsync(0);
        // The conversation the button created holds the message and stays the one shown (titled after the message).
        await Assertions.Expect(page.Locator("#conversations li.active")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#conversations li.active")).ToHaveTextAsync($"Open a ticket: {title}");
        await Assertions.Expect(page.Locator("#messages li")).ToHaveCountAsync(2);
        Screenshot(output, await HeadlessBrowser.ScreenshotAsync(page, "chat-alice-ticket"));
        var owner = Assert.Single(await fixture.TicketOwnersAsync(title, Ct));
        Assert.Equal("alice", owner.Name);
    }

    [Fact]
    public async Task BobsWriteRequestShowsThePermissionAnswerOnThePage()
    {
        await using var browser = await HeadlessBrowser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(fixture.ChatBase.ToString());
        await page.Locator("#signin").ClickAsync();
        await page.Locator("input[name='Input.UserName']").FillAsync("bob");
        await page.Locator("input[name='Input.Password']").FillAsync("secret456");
        await page.Locator("button[type='submit']").ClickAsync();
        await AnswerConsentAsync(page, null);
        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync("bob");

        var title = "Bob wants a new laptop " + Guid.NewGuid().ToString("N")[..6];
        var reply = await AskAsync(page, $"Open a ticket: {title}");

        await Assertions.Expect(reply.Locator(".content")).ToContainTextAsync("permission");
        await Assertions.Expect(reply.Locator(".tool.refused[data-tool='create_ticket']")).ToHaveTextAsync("create_ticket (refused)");
        await Assertions.Expect(reply.Locator(".tool.success")).ToHaveCountAsync(0);
        Screenshot(output, await HeadlessBrowser.ScreenshotAsync(page, "chat-bob-permission"));
        Assert.Empty(await fixture.TicketOwnersAsync(title, Ct));
    }

    /// <summary>Allows the consent page when AuthServer shows it (a user who consented before goes straight back).</summary>
    private async Task AnswerConsentAsync(IPage page, string? screenshot)
    {
        var allow = page.Locator("button[name='decision'][value='allow']");
        await allow.Or(page.Locator("#app:visible")).First.WaitForAsync();
        if (await allow.IsVisibleAsync())
        {
            if (screenshot is not null)
            {
                Screenshot(output, await HeadlessBrowser.ScreenshotAsync(page, screenshot));
            }

            await allow.ClickAsync();
        }

        await Assertions.Expect(page.Locator("#app")).ToBeVisibleAsync();
    }

    /// <summary>Starts a new conversation, types a message, sends it and waits for the streamed reply to finish; returns the reply's list item.</summary>
    private static async Task<ILocator> AskAsync(IPage page, string text)
    {
        await page.Locator("#new-conversation").ClickAsync();
        await Assertions.Expect(page.Locator("#messages li")).ToHaveCountAsync(0);
        var done = page.Locator("#messages li.assistant[data-done='true']");
        var before = await done.CountAsync();
        await page.Locator("#message").FillAsync(text);
        await page.Locator("#send").ClickAsync();
        try
        {
            await Assertions.Expect(done).ToHaveCountAsync(before + 1, new() { Timeout = 30_000 });
        }
        catch (PlaywrightException ex)
        {
            var shot = await HeadlessBrowser.ScreenshotAsync(page, "chat-failure-" + Guid.NewGuid().ToString("N")[..6]);
            throw new Xunit.Sdk.XunitException($"No finished reply to \"{text}\" ({shot}); the page shows: {await page.Locator("body").InnerTextAsync()}", ex);
        }

        return done.Last;
    }

    /// <summary>Loads the page and reports the browser's navigation timing and the time until <paramref name="ready"/> shows.</summary>
    private async Task<string> MeasureLoadAsync(IPage page, ILocator ready)
    {
        var started = Stopwatch.GetTimestamp();
        await page.GotoAsync(fixture.ChatBase.ToString());
        await ready.WaitForAsync();
        var untilReady = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var timing = await page.EvaluateAsync<JsonElement>(
            "() => { const n = performance.getEntriesByType('navigation')[0]; return { ttfb: n.responseStart - n.startTime, dom: n.domContentLoadedEventEnd - n.startTime, load: n.loadEventEnd - n.startTime }; }");
        return string.Create(CultureInfo.InvariantCulture,
            $"first byte {timing.GetProperty("ttfb").GetDouble():F1} ms, DOMContentLoaded {timing.GetProperty("dom").GetDouble():F1} ms, load {timing.GetProperty("load").GetDouble():F1} ms, ready for the user {untilReady:F0} ms");
    }

    private static void Screenshot(ITestOutputHelper output, string path) => output.WriteLine("screenshot: " + path);
}
