using Microsoft.Playwright;

namespace McpAspire.Testing.Browser;

/// <summary>
/// Headless Chromium for browser tests: Debian's <c>/usr/bin/chromium</c> (or <c>MCPASPIRE_CHROMIUM</c>) driven by
/// Playwright. Each test gets its own context (cookies); screenshots go to <c>screenshots/</c> in the test's output folder.
/// </summary>
public sealed class HeadlessBrowser : IAsyncDisposable
{
    public const string DefaultExecutable = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private HeadlessBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    /// <summary>Where screenshots are written: <c>&lt;test output&gt;/screenshots</c>.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static string ExecutablePath => Environment.GetEnvironmentVariable("MCPASPIRE_CHROMIUM") is { Length: > 0 } path ? path : DefaultExecutable;

    public static async Task<HeadlessBrowser> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium is not at {ExecutablePath}: install it with 'apt-get install -y chromium' (or set MCPASPIRE_CHROMIUM).");
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                // Root in a container-less CI machine: Chromium's sandbox needs user namespaces it may not have.
                Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
            });
            return new HeadlessBrowser(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh page in a fresh context (no cookies shared with other pages).</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Saves a full-page screenshot as <c>screenshots/&lt;name&gt;.png</c> and returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
