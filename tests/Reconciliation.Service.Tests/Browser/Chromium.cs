using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Reconciliation.Service.Tests.Browser;

/// <summary>What the accountants' browser tests share: Debian's Chromium, the login form, texts of self-reloading pages, screenshots.</summary>
public static class Chromium
{
    /// <summary>The payments tests' way: Debian's Chromium from CHROMIUM_PATH, headless; a missing browser fails plainly.</summary>
    public static async Task<(IPlaywright, IBrowser)> LaunchAsync()
    {
        var path = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } fromEnv ? fromEnv : "/usr/bin/chromium";
        if (!File.Exists(path)) throw new InvalidOperationException($"Chromium not found at {path}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return (playwright, browser);
    }

    /// <summary>A French context whose navigations may take 90 s (CI runs the test assemblies side by side on 2 cores).</summary>
    public static async Task<IBrowserContext> ContextAsync(IBrowser browser)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "fr-FR" });
        context.SetDefaultTimeout(90_000);
        return context;
    }

    public static async Task LoginAsync(IPage page, Uri recon, string user, string password)
    {
        await page.GotoAsync(new Uri(recon, "login").ToString());
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Connexion");
        await page.GetByLabel("Identifiant").FillAsync(user);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
    }

    /// <summary>Text of an element on a page that may be reloading itself (the progress pages' refresh).</summary>
    public static async Task<string> TextAsync(IPage page, string selector)
    {
        for (var i = 0; ; i++)
        {
            try { return (await page.Locator(selector).InnerTextAsync(new() { Timeout = 10_000 })).Trim(); }
            catch (PlaywrightException) when (i < 5) { await Task.Delay(200); }
        }
    }

    public static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan patience)
    {
        var until = DateTime.UtcNow + patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("condition not met within " + patience);
            await Task.Delay(300);
        }
    }

    public static async Task ShotAsync(IPage page, string step, ITestOutputHelper output)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"recon-{step}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
    }
}
