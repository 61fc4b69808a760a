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
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "fr-FR" });
        var page = await context.NewPageAsync();
        // CI runs the test assemblies side by side on 2 cores: a navigation can take longer than Playwright's 30 s default there.
        context.SetDefaultTimeout(90_000);

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

        // 4. Split an entry (at most the approval threshold, so it posts at once) across two notices that owe enough.
        var split = waiting.First(e => e.GetProperty("entryId").GetString() != accepted.EntryId
                                       && e.GetProperty("amountCents").GetInt64() is >= 2 and <= 300_00
                                       && e.GetProperty("result").GetProperty("units").EnumerateArray().All(u => u.GetProperty("decision").GetString() != "auto"));
        var splitId = split.GetProperty("entryId").GetString()!;
        var splitCents = split.GetProperty("amountCents").GetInt64();
        long first = splitCents / 2, second = splitCents - first;
        var (n1, n2) = await TwoNoticesAsync(first, second, [writeOff.Tenant, accepted.Tenant]);
        await page.GotoAsync(Url($"review/entry?id={Uri.EscapeDataString(splitId)}"));
        var assign = page.Locator("#assign");
        (string Tenant, string Notice, long Cents)[] lines = [(n1.Tenant, n1.Notice, first), (n2.Tenant, n2.Notice, second), ("", "", 0)];
        for (var i = 0; i < lines.Length; i++)
        {
            await assign.Locator("input[name=tenant]").Nth(i).FillAsync(lines[i].Tenant);
            await assign.Locator("input[name=notice]").Nth(i).FillAsync(lines[i].Notice);
            await assign.Locator("input[name=amount]").Nth(i).FillAsync(lines[i].Cents == 0 ? "" : Money.FormatCents(lines[i].Cents));
        }
        await assign.GetByRole(AriaRole.Button, new() { Name = "Comptabiliser cette répartition" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldBe("Répartition comptabilisée.");
        (await page.Locator("#state").InnerTextAsync()).ShouldBe("comptabilisée");
        await WaitForAsync(async () => await DueAsync(n1.Notice) == n1.Due - first && await DueAsync(n2.Notice) == n2.Due - second);
        await ShotAsync(page, "04-split");

        // 5. Park a third entry in suspense (471): nothing is posted to a tenant; the ledger books it on 471 (bank operations).
        var parked = waiting.Select(e => e.GetProperty("entryId").GetString()!).First(id => id != accepted.EntryId && id != splitId);
        await page.GotoAsync(Url($"review/entry?id={Uri.EscapeDataString(parked)}"));
        await page.Locator("form[action='/review/suspense'] input[name=reason]").FillAsync("payeur inconnu, à identifier");
        await page.Locator("#suspense").ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldBe("Mise en attente sur le compte 471.");
        (await page.Locator("#state").InnerTextAsync()).ShouldBe("en attente (471)");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("payeur inconnu, à identifier");
        (await EntriesAsync(importId)).Single(e => e.GetProperty("entryId").GetString() == parked).GetProperty("state").GetString().ShouldBe("suspense");
        (await page.Locator("#bank-postings").InnerTextAsync()).ShouldContain("comptabilisé dans le grand livre");
        var suspense = await stack.LedgerGetAsync("bank/suspense");
        suspense.GetProperty("items").EnumerateArray().ShouldContain(i => i.GetProperty("entryId").GetString() == Reconciliation.Api.Posting.BankPlan.Key(parked, 1));
        await ShotAsync(page, "05-suspense");

        // 6. Undo the match accepted in step 3: the ledger reverses the payment and the notice owes again what it owed.
        await page.GotoAsync(Url($"review/entry?id={Uri.EscapeDataString(accepted.EntryId)}"));
        await page.Locator("#undo input[name=reason]").FillAsync("mauvais locataire");
        await page.Locator("#undo").GetByRole(AriaRole.Button, new() { Name = "Annuler le rapprochement" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldBe("Rapprochement annulé (contre-passation dans le grand livre).");
        (await page.Locator("#state").InnerTextAsync()).ShouldBe("à revoir");
        (await page.Locator("#history").InnerTextAsync()).ShouldContain("mauvais locataire");
        await WaitForAsync(async () => await DueAsync(accepted.Notice) == acceptedDueBefore);
        await ShotAsync(page, "06-undo");

        // 7. A write-off above the threshold waits for a second person; the approver, in a second browser context, approves it.
        await page.GotoAsync(Url("approvals"));
        var form = page.Locator("#writeoff");
        await form.GetByLabel("Locataire").FillAsync(writeOff.Tenant);
        await form.GetByLabel("Avis").FillAsync(writeOff.Notice);
        await form.GetByLabel("Montant").FillAsync(Money.FormatCents(writeOff.Cents));
        await form.GetByLabel("Motif").FillAsync("locataire parti sans adresse");
        await form.GetByRole(AriaRole.Button, new() { Name = "Demander" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldBe("Demande enregistrée : elle attend l'accord d'un approbateur.");
        var row = page.Locator("#approvals tbody tr", new() { HasText = writeOff.Notice });
        (await row.InnerTextAsync()).ShouldContain("en attente");
        (await row.GetByRole(AriaRole.Button, new() { Name = "Approuver" }).CountAsync()).ShouldBe(0); // not for the one who asked
        (await DueAsync(writeOff.Notice)).ShouldBe(writeOff.Cents);
        await ShotAsync(page, "07a-writeoff-requested");

        await using var approverContext = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "fr-FR" });
        var approver = await approverContext.NewPageAsync();
        approverContext.SetDefaultTimeout(90_000);
        await LoginAsync(approver, "approb", ReconStack.ApproverPassword);
        await approver.GotoAsync(Url("approvals"));
        await approver.Locator("#approvals tbody tr", new() { HasText = writeOff.Notice }).GetByRole(AriaRole.Button, new() { Name = "Approuver" }).ClickAsync();
        (await approver.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldBe("Demande approuvée et comptabilisée.");
        (await approver.Locator("#approvals tbody tr", new() { HasText = writeOff.Notice }).InnerTextAsync()).ShouldContain("approuvée par approb");
        await WaitForAsync(async () => await DueAsync(writeOff.Notice) == 0);
        await ShotAsync(approver, "07b-writeoff-approved");
    }

    private sealed record OpenNotice(string Tenant, string Notice, long Due);

    /// <summary>Two distinct open notices (tenants left out: those other steps change) owing at least the two parts.</summary>
    private async Task<(OpenNotice, OpenNotice)> TwoNoticesAsync(long first, long second, string[] avoid)
    {
        OpenNotice? a = null;
        foreach (var t in stack.Truth.Tenants.Select(t => t.Tenant).Where(t => !avoid.Contains(t)).Order(StringComparer.Ordinal))
        {
            var account = await stack.LedgerGetAsync($"accounts?tenantReference={Uri.EscapeDataString(t)}");
            foreach (var n in account.GetProperty("openNotices").EnumerateArray())
            {
                if (!Money.TryParseCents(n.GetProperty("amountDue").GetString(), out var due)) continue;
                var open = new OpenNotice(t, n.GetProperty("noticeReference").GetString()!, due);
                if (a is null && due >= first) a = open;
                else if (a is not null && a.Notice != open.Notice && due >= second) return (a, open);
            }
        }
        throw new InvalidOperationException("fewer than two open notices owe the split's parts");
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

    private Task LoginAsync(IPage page, string user, string password) => Chromium.LoginAsync(page, stack.ReconUrl, user, password);

    private string Url(string path) => new Uri(stack.ReconUrl, path).ToString();

    private static Task<string> TextAsync(IPage page, string selector) => Chromium.TextAsync(page, selector);

    private static Task WaitForAsync(Func<Task<bool>> condition) => Chromium.WaitForAsync(condition, Patience);

    private Task ShotAsync(IPage page, string step) => Chromium.ShotAsync(page, step, output);
}
