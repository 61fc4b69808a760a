using Microsoft.Playwright;
using Payments.Tests.Support;

namespace Payments.Tests.EndToEnd;

/// <summary>Debian's Chromium driven by Playwright. A missing browser fails the test with a plain message: never a silent skip.</summary>
public static class Browser
{
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var path = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } fromEnv ? fromEnv : "/usr/bin/chromium";
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Chromium not found at {path}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.");
        }
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return (playwright, browser);
    }

    /// <summary>
    /// A phone-sized (320 px) context that bypasses the CSP only so that axe-core can be injected (the pages load no script),
    /// with 90 s per navigation: CI runs the test assemblies side by side on 2 cores.
    /// </summary>
    public static async Task<IBrowserContext> PhoneContextForAxeAsync(IBrowser browser)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 320, Height = 640 }, BypassCSP = true,
        });
        context.SetDefaultTimeout(90_000);
        return context;
    }

    /// <summary>The tenant's lookup on the payments page, as typed: the references go through the form, then its button.</summary>
    public static async Task LookupAsync(IPage page, Uri paymentsUrl, string tenant, string notice)
    {
        await page.GotoAsync(paymentsUrl.ToString());
        await page.FillAsync("#tenantReference", tenant);
        await page.FillAsync("#noticeReference", notice);
        await page.ClickAsync("text=Rechercher mon avis");
    }

    public static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.ArtifactsDir("e2e"), name + ".png"), FullPage = true });
}
