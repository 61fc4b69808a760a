using Microsoft.Playwright;
using Payments.Tests.Support;
using Tests.Shared;

namespace Payments.Tests.EndToEnd;

/// <summary>
/// Issue 12's browser acceptance, tenant side: in a real Chromium at 320 px, a tenant looks up their notice, the notice page
/// passes axe-core with its new link, and the link downloads a PDF whose text carries their notice reference and the amount.
/// The context bypasses the CSP only so that axe can be injected (the pages load no script).
/// </summary>
public sealed class NoticePdfBrowserTests(PaymentsStack stack) : IClassFixture<PaymentsStack>
{
    [Fact]
    public async Task TenantCopy_InChromium_LinkOnTheNoticePageDownloadsTheirNoticePdf()
    {
        Axe.ScriptPath(); // fail first, and plainly, when axe-core is not installed
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        await using var context = await Browser.PhoneContextForAxeAsync(browser);
        var page = await context.NewPageAsync();

        await Browser.LookupAsync(page, stack.PaymentsUrl, "100012 01", "2026/11/000012");
        var link = page.GetByRole(AriaRole.Link, new() { Name = "Télécharger l'avis d'échéance (PDF)" });
        (await link.GetAttributeAsync("href"))!.ShouldStartWith("/avis/pdf?t=");
        (await Axe.ViolationsAsync(page)).ShouldBeEmpty();
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(320);
        await Browser.ShotAsync(page, "320-avis-lien-pdf");

        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());

        download.SuggestedFilename.ShouldBe("avis-2026-11-000012.pdf");
        var pdf = await File.ReadAllBytesAsync((await download.PathAsync())!);
        PdfText.IsPdf(pdf).ShouldBeTrue();
        var text = PdfText.Of(pdf);
        text.ShouldContain("Avis n° 2026-11/000012");
        text.ShouldContain("Référence locataire : 100012/01");
    }
}
