using Microsoft.Playwright;
using Payments.Tests.Support;

namespace Payments.Tests.EndToEnd;

/// <summary>
/// Issue 9, tenant pages, in real Chromium at 320 px wide: references typed with spaces and separators, back from the PSP
/// (no "Confirm Form Resubmission"), a refused card and its retry, a paid notice, the pending page, degraded mode with the
/// amount, the error pages. On every page: axe-core reports no violation and nothing scrolls sideways. The context bypasses
/// the CSP only so that axe can be injected (the pages themselves load no script). Figures go to artifacts/e2e/pages.txt.
/// </summary>
public sealed class TenantPagesBrowserTests(PaymentsStack stack) : IClassFixture<PaymentsStack>
{
    private readonly List<string> _report = [];
    private readonly List<string> _problems = [];

    private async Task CheckAsync(IPage page, string name)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var violations = await Axe.ViolationsAsync(page);
        _report.Add($"{name}: scrollWidth={width}, axe violations={violations.Count} {string.Join("; ", violations)}");
        if (width > 320) _problems.Add($"{name}: scrollWidth {width} > 320");
        _problems.AddRange(violations.Select(v => $"{name}: {v}"));
        await Browser.ShotAsync(page, "320-" + name);
    }

    private async Task PayOnPspAsync(IPage page, string card)
    {
        await page.WaitForURLAsync(url => url.StartsWith(stack.SimulatorUrl.ToString(), StringComparison.Ordinal));
        await page.FillAsync("#cardNumber", card);
        await page.FillAsync("#expiry", "03/30");
        await page.FillAsync("#cvc", "737");
        await page.FillAsync("#holder", "Test");
        await page.ClickAsync("#pay");
        await page.WaitForURLAsync(url => url.StartsWith(stack.PaymentsUrl + "paiement/retour", StringComparison.Ordinal));
    }

    private Task LookupAsync(IPage page, string tenant, string notice) => Browser.LookupAsync(page, stack.PaymentsUrl, tenant, notice);

    [Fact]
    public async Task TenantPages_At320px_BackFromPspPaidPendingRefusedDegraded_NoScrollAndNoAxeViolation()
    {
        Axe.ScriptPath(); // fail first, and plainly, when axe-core is not installed
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        await using var context = await Browser.PhoneContextForAxeAsync(browser);
        var page = await context.NewPageAsync();
        // The not-found pages are 404 on purpose; what must never 404 is what a page loads (stylesheet, favicon).
        var notFoundRequests = new List<string>();
        page.Response += (_, r) => { if (r.Status == 404 && r.Request.ResourceType != "document") notFoundRequests.Add(r.Url); };
        foreach (var asset in new[] { "favicon.ico", "favicon.svg", "site.css" })
        {
            (await page.APIRequest.GetAsync(stack.PaymentsUrl + asset)).Status.ShouldBe(200, asset);
        }

        await page.GotoAsync(stack.PaymentsUrl.ToString());
        (await page.TextContentAsync("header"))!.ShouldContain("Demo Habitat");
        await CheckAsync(page, "01-formulaire");

        // Typed as tenants type them; the notice page is a GET whose URL carries a token, not the references.
        await LookupAsync(page, "100011 01", "2026/11/000011");
        (await page.TextContentAsync("#montant-du"))!.ShouldContain("€");
        page.Url.ShouldContain("/avis?t=");
        page.Url.ShouldNotContain("100011");
        page.Url.ShouldNotContain("000011");
        await CheckAsync(page, "02-avis");

        // Back from the PSP's page: the notice page again, not the browser's resubmission error.
        await page.ClickAsync("text=Payer par carte");
        await page.WaitForURLAsync(url => url.StartsWith(stack.SimulatorUrl.ToString(), StringComparison.Ordinal));
        var back = await page.GoBackAsync();
        back.ShouldNotBeNull();
        back.Status.ShouldBe(200);
        (await page.TextContentAsync("#montant-du"))!.ShouldContain("€");

        // A refused card says "refusé" at once; "Réessayer" comes back to the same notice.
        await page.ClickAsync("text=Payer par carte");
        await PayOnPspAsync(page, "4000 0000 0000 0002");
        await page.WaitForSelectorAsync("text=Paiement refusé", new PageWaitForSelectorOptions { Timeout = 30_000 });
        (await page.TextContentAsync("#statut"))!.ShouldContain("refusé");
        await CheckAsync(page, "03-refuse");
        await page.ClickAsync("text=Réessayer");
        (await page.TextContentAsync("main"))!.ShouldContain("2026-11/000011");

        // Paid, then the notice again: it says paid and offers no way to pay it twice.
        await page.ClickAsync("text=Payer par carte");
        await PayOnPspAsync(page, "4111 1111 1111 1111");
        await page.WaitForSelectorAsync("text=Paiement confirmé", new PageWaitForSelectorOptions { Timeout = 30_000 });
        await CheckAsync(page, "04-confirme");
        (await PaymentsStack.EventuallyAsync(async () =>
        {
            await LookupAsync(page, "100011/1", "2026-11-000011");
            return await page.Locator("#avis-paye").CountAsync() == 1;
        }, TimeSpan.FromSeconds(30))).ShouldBeTrue();
        var paid = await page.ContentAsync();
        paid.ShouldNotContain("Payer par carte");
        paid.ShouldNotContain("Autres moyens de paiement");
        await CheckAsync(page, "05-avis-paye");

        // Pending: a return before any webhook waits a bounded time, then says what happens next (no timed refresh).
        await LookupAsync(page, "100012 01", "2026 11 000012");
        await page.ClickAsync("text=Payer par carte");
        await page.WaitForURLAsync(url => url.StartsWith(stack.SimulatorUrl.ToString(), StringComparison.Ordinal));
        await using (var command = stack.PaymentsDb.CreateCommand("select attempt_id from payment_attempts where notice_reference = '2026-11/000012'"))
        {
            await page.GotoAsync($"{stack.PaymentsUrl}paiement/retour?ref={(string)(await command.ExecuteScalarAsync())!}");
        }
        (await page.TextContentAsync("#suite"))!.ShouldContain("dans l'heure");
        (await page.ContentAsync()).ShouldNotContain("http-equiv=\"refresh\"");
        (await page.Locator("h1").TextContentAsync())!.ShouldBe("Paiement en cours de confirmation");
        (await page.TextContentAsync("#statut"))!.ShouldNotContain("Paiement en cours de confirmation");
        await CheckAsync(page, "06-en-attente");

        // Not found (lookup) and not found (return page).
        await LookupAsync(page, "100013/01", "2026-11/999999");
        await CheckAsync(page, "07-avis-introuvable");
        await page.GotoAsync($"{stack.PaymentsUrl}paiement/retour?ref=ATnope");
        await CheckAsync(page, "08-paiement-introuvable");

        // Degraded mode: the amount, the references and a retry, then the other ways to pay.
        await TenantClient.SetFaultAsync(stack, "Http503", 1000);
        try
        {
            await LookupAsync(page, "100016/01", "2026-11/000016");
            await page.ClickAsync("text=Payer par carte");
            (await page.TextContentAsync("#mode-degrade"))!.ShouldContain("temporairement indisponible");
            (await page.TextContentAsync("#montant-du"))!.ShouldContain("€");
            (await page.TextContentAsync("main"))!.ShouldContain("100016/01");
            (await page.Locator("text=Réessayer le paiement par carte").CountAsync()).ShouldBe(1);
            await CheckAsync(page, "09-mode-degrade");
        }
        finally
        {
            await TenantClient.SetFaultAsync(stack, "None", 0);
        }

        await File.WriteAllLinesAsync(Path.Combine(TestPaths.ArtifactsDir("e2e"), "pages.txt"), _report);
        notFoundRequests.ShouldBeEmpty();
        _problems.ShouldBeEmpty(string.Join("\n", _report));
    }
}
