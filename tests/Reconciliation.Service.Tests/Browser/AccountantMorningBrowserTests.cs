using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Primitives;
using Reconciliation.Service.Tests.Support;
using Xunit.Abstractions;

namespace Reconciliation.Service.Tests.Browser;

/// <summary>
/// Its own stack (a smaller landlord, the month not imported yet): the browser's decisions move money on purpose, which the
/// shared stack's balance test must not see. Run alone: the machine is shared and the stack is heavy.
/// </summary>
[CollectionDefinition("recon-browser", DisableParallelization = true)]
public sealed class BrowserReconCollection : ICollectionFixture<BrowserReconStack>;

public sealed class BrowserReconStack : ReconStack
{
    protected override int Tenants => 400;
    protected override bool ImportMonthAtStart => false;
}

/// <summary>
/// Issue 7's browser acceptance: an accountant's morning in a real Chromium (static pages, no script needed), each step
/// checked on the page and, where money moves, on the ledger over HTTP; one screenshot per step under bin/…/screenshots.
/// </summary>
[Collection("recon-browser")]
public sealed class AccountantMorningBrowserTests(BrowserReconStack stack, ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task AccountantMorning_InChromium_ImportsDecidesUndoesAndGetsAWriteOffApproved()
    {
        var (playwright, browser) = await LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "fr-FR" });
        var page = await context.NewPageAsync();

        // 1. Login.
        await LoginAsync(page, "compta", ReconStack.AccountantPassword);
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Tableau de bord");
        (await page.Locator("header").InnerTextAsync()).ShouldContain("compta");
        await ShotAsync(page, "01-login");

        // 2. Import the camt.053 statement through the page, then watch its progress page until everything is posted.
        await page.GotoAsync(Url("imports"));
        await page.Locator("input[name=files]").SetInputFilesAsync(Path.Combine(stack.MonthDir, RentGenerator.Output.Camt053));
        await page.GetByRole(AriaRole.Button, new() { Name = "Importer" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/imports/\d+$"));
        var importId = long.Parse(new Uri(page.Url).Segments[^1]);
        (await page.Locator("h1").InnerTextAsync()).ShouldBe($"Import n° {importId}");
        await ShotAsync(page, "02a-import-progress");
        await WaitForAsync(async () => await TextAsync(page, "#status") == "terminé" && await TextAsync(page, "#pending") == "0");
        var summary = await page.Locator("#summary").InnerTextAsync();
        summary.ShouldContain("rapprochées automatiquement");
        summary.ShouldContain("suggestions à confirmer");
        int.Parse(await TextAsync(page, "#posted")).ShouldBeGreaterThan(0);
        await ShotAsync(page, "02b-import-done");
        var entries = await EntriesAsync(importId);
        entries.Count.ShouldBeGreaterThan(100);
        var autoPayment = entries.Where(e => e.GetProperty("decision").GetString() == "auto")
            .SelectMany(e => e.GetProperty("postings").EnumerateArray())
            .First(p => p.GetProperty("kind").GetString() == "payment" && p.GetProperty("status").GetString() == "Done")
            .GetProperty("paymentId").GetString()!;
        (await stack.LedgerGetAsync($"payments/{Uri.EscapeDataString(autoPayment)}")).ValueKind.ShouldBe(JsonValueKind.Object, autoPayment);

        var waiting = entries.Where(e => e.GetProperty("state").GetString() == "review").ToList();
        var writeOff = await stack.WriteOffTargetAsync();

        // 3. Accept a suggestion: reached from the review queue's "examiner" link; the notice's amount due falls by the allocation.
        var accepted = await AcceptableAsync(waiting, writeOff.Tenant);
        var acceptedDueBefore = await DueAsync(accepted.Notice);
        await page.GotoAsync(Url("review"));
        await page.Locator($"#queue a[href='/review/entry?id={Uri.EscapeDataString(accepted.EntryId)}']").ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/review/entry\?id="));
        (await page.Locator("#state").InnerTextAsync()).ShouldBe("à revoir");
        await page.Locator("#accept").ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldBe("Suggestion acceptée et comptabilisée.");
        (await page.Locator("#state").InnerTextAsync()).ShouldBe("comptabilisée");
        await WaitForAsync(async () => await DueAsync(accepted.Notice) == acceptedDueBefore - accepted.Cents);
        await ShotAsync(page, "03-accept");
    }

    private sealed record Candidate(string EntryId, string Tenant, string Notice, long Cents);

    /// <summary>A waiting entry whose whole amount the engine proposes for one notice that still owes at least that much.</summary>
    private async Task<Candidate> AcceptableAsync(IEnumerable<JsonElement> waiting, string avoidTenant)
    {
        foreach (var e in waiting)
        {
            var units = e.GetProperty("result").GetProperty("units").EnumerateArray().ToList();
            if (units.Any(u => u.GetProperty("decision").GetString() == "auto")) continue;
            var allocations = units.SelectMany(u => u.GetProperty("allocations").EnumerateArray()).ToList();
            if (allocations.Count != 1 || allocations[0].GetProperty("notice").ValueKind != JsonValueKind.String) continue;
            var a = allocations[0];
            var cents = a.GetProperty("cents").GetInt64();
            var tenant = a.GetProperty("tenant").GetString()!;
            if (tenant == avoidTenant || cents != e.GetProperty("amountCents").GetInt64()) continue;
            var notice = a.GetProperty("notice").GetString()!;
            if (await DueAsync(notice) >= cents) return new Candidate(e.GetProperty("entryId").GetString()!, tenant, notice, cents);
        }
        throw new InvalidOperationException("no suggestion on one notice that still owes its amount in the imported statement");
    }

    private async Task<long> DueAsync(string notice)
    {
        var n = await stack.LedgerGetAsync($"notices?noticeReference={Uri.EscapeDataString(notice)}");
        n.ValueKind.ShouldBe(JsonValueKind.Object, notice);
        Money.TryParseCents(n.GetProperty("amountDue").GetString(), out var due).ShouldBeTrue();
        return due;
    }

    private async Task<List<JsonElement>> EntriesAsync(long importId)
    {
        using var http = stack.ImportClient();
        return JsonDocument.Parse(await http.GetStringAsync($"api/imports/{importId}/entries")).RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    private async Task LoginAsync(IPage page, string user, string password)
    {
        await page.GotoAsync(Url("login"));
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Connexion");
        await page.GetByLabel("Identifiant").FillAsync(user);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
    }

    private string Url(string path) => new Uri(stack.ReconUrl, path).ToString();

    /// <summary>Text of an element on a page that may be reloading itself (the progress page's refresh).</summary>
    private static async Task<string> TextAsync(IPage page, string selector)
    {
        for (var i = 0; ; i++)
        {
            try { return (await page.Locator(selector).InnerTextAsync(new() { Timeout = 10_000 })).Trim(); }
            catch (PlaywrightException) when (i < 5) { await Task.Delay(200); }
        }
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("condition not met within " + Patience);
            await Task.Delay(300);
        }
    }

    private async Task ShotAsync(IPage page, string step)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"recon-{step}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
    }

    /// <summary>The payments tests' way: Debian's Chromium from CHROMIUM_PATH, headless; a missing browser fails plainly.</summary>
    private static async Task<(IPlaywright, IBrowser)> LaunchAsync()
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
}
