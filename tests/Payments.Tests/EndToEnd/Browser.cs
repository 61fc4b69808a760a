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

    public static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.ArtifactsDir("e2e"), name + ".png"), FullPage = true });
}
