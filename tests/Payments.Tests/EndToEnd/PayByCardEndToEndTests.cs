using System.Text.Json;
using Microsoft.Playwright;
using Payments.Tests.Support;

namespace Payments.Tests.EndToEnd;

/// <summary>
/// A tenant in a real browser: enters the demo notice's references, is redirected to the PSP's hosted page, pays with the
/// test card 4111 1111 1111 1111, comes back, and sees the payment confirmed once the webhook arrived; the ledger shows the
/// notice paid. Screenshots of each step go to artifacts/e2e/.
/// </summary>
public sealed class PayByCardEndToEndTests(PaymentsStack stack) : IClassFixture<PaymentsStack>
{
    [Fact]
    public async Task Tenant_PaysDemoNoticeByCard_SeesConfirmationAndLedgerShowsNoticePaid()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        // CI runs the test assemblies side by side on 2 cores: a navigation can take longer than Playwright's 30 s default there.
        page.SetDefaultTimeout(90_000);

        await page.GotoAsync(stack.PaymentsUrl.ToString());
        await Browser.ShotAsync(page, "01-formulaire");
        await page.FillAsync("#tenantReference", "100001/01");
        await page.FillAsync("#noticeReference", "2026-11/000001");
        await page.ClickAsync("text=Rechercher mon avis");
        (await page.TextContentAsync("#montant-du"))!.ShouldContain("512,30 €");
        page.Url.ShouldNotContain("100001");
        await Browser.ShotAsync(page, "02-avis-trouve");

        await page.ClickAsync("text=Payer par carte");
        await page.WaitForURLAsync(url => url.StartsWith(stack.SimulatorUrl.ToString(), StringComparison.Ordinal));
        (await page.TextContentAsync("#amount"))!.ShouldBe("512.30 EUR");
        await Browser.ShotAsync(page, "03-page-de-paiement-du-prestataire");
        await page.FillAsync("#cardNumber", "4111 1111 1111 1111");
        await page.FillAsync("#expiry", "03/30");
        await page.FillAsync("#cvc", "737");
        await page.FillAsync("#holder", "Test");
        await page.ClickAsync("#pay");

        await page.WaitForURLAsync(url => url.StartsWith(stack.PaymentsUrl + "paiement/retour", StringComparison.Ordinal));
        await Browser.ShotAsync(page, "04-retour");
        // The page refreshes itself (meta refresh, no script) until the AUTHORISATION webhook has been processed.
        await page.WaitForSelectorAsync("text=Paiement confirmé", new PageWaitForSelectorOptions { Timeout = 30_000 });
        (await page.TextContentAsync("#statut"))!.ShouldContain("512,30 €");
        await Browser.ShotAsync(page, "05-paiement-confirme");

        (await PaymentsStack.EventuallyAsync(async () =>
        {
            var notice = JsonDocument.Parse(await stack.LedgerOps.GetStringAsync("notices?noticeReference=2026-11/000001")).RootElement;
            return notice.GetProperty("status").GetString() == "Paid" && notice.GetProperty("amountDue").GetString() == "0.00";
        }, TimeSpan.FromSeconds(30))).ShouldBeTrue();
        await page.ReloadAsync();
        (await page.ContentAsync()).ShouldContain("Votre avis est soldé.");
        await Browser.ShotAsync(page, "06-avis-solde");
    }
}

/// <summary>The PSP fails until the circuit opens: in the browser, the page shows degraded mode and the other ways to pay.</summary>
public sealed class DegradedModeEndToEndTests(PaymentsStack stack) : IClassFixture<PaymentsStack>
{
    [Fact]
    public async Task Tenant_CardPaymentUnavailable_SeesDegradedModeWithOtherWaysToPay()
    {
        await TenantClient.SetFaultAsync(stack, "Http503", 1000);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        // CI runs the test assemblies side by side on 2 cores: a navigation can take longer than Playwright's 30 s default there.
        page.SetDefaultTimeout(90_000);
        for (var i = 0; i < 5; i++)
        {
            await page.GotoAsync(stack.PaymentsUrl.ToString());
            await page.FillAsync("#tenantReference", "100014/01");
            await page.FillAsync("#noticeReference", "2026-11/000014");
            await page.ClickAsync("text=Rechercher mon avis");
            await page.ClickAsync("text=Payer par carte");
            (await page.TextContentAsync("#mode-degrade"))!.ShouldContain("Le paiement par carte est temporairement indisponible");
        }
        (await page.ContentAsync()).ShouldContain("notre IBAN ne change jamais par courriel");
        await Browser.ShotAsync(page, "07-mode-degrade");
        await TenantClient.SetFaultAsync(stack, "None", 0);
    }
}
