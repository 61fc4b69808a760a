using System.IO.Compression;
using Microsoft.Playwright;
using Reconciliation.Service.Tests.Support;
using Tests.Shared;
using Xunit.Abstractions;

namespace Reconciliation.Service.Tests.Browser;

/// <summary>
/// Issue 12's browser acceptance, accountant side: in a real Chromium, launch November's rent run from the "Avis d'échéance"
/// page, watch the progress page reload itself to the end, download the zip (one PDF per notice of the period) and then one
/// notice's PDF by its reference. The downloads are read back: zip entries, %PDF, the notice reference in PdfPig's text.
/// </summary>
[Collection("recon-browser")]
public sealed class RentRunBrowserTests(BrowserReconStack stack, ITestOutputHelper output)
{
    [Fact]
    public async Task RentRun_InChromium_LaunchesWaitsAndDownloadsTheZipAndOneNotice()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        await using var context = await Chromium.ContextAsync(browser);
        var page = await context.NewPageAsync();
        var expected = RentRunPagesTests.NoticesOf(stack, "2026-11");

        await Chromium.LoginAsync(page, stack.ReconUrl, "compta", ReconStack.AccountantPassword);
        await page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Avis d'échéance" }).ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Avis d'échéance");
        await page.GetByLabel("Période").FillAsync("2026-11");
        await Chromium.ShotAsync(page, "rent-run-01-period", output);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lancer le tirage" }).ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/notices/batches/2026-11.", StringComparison.Ordinal));

        await Chromium.WaitForAsync(async () => await Chromium.TextAsync(page, "#status") == "terminé", TimeSpan.FromMinutes(3));
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Tirage des avis de novembre 2026");
        (await Chromium.TextAsync(page, "#progress")).ShouldBe($"{expected.Count} avis produits sur {expected.Count}");
        await Chromium.ShotAsync(page, "rent-run-02-done", output);

        var zipDownload = await page.RunAndWaitForDownloadAsync(() => page.Locator("#zip").ClickAsync());
        zipDownload.SuggestedFilename.ShouldStartWith("avis-2026-11-");
        using (var zip = new ZipArchive(File.OpenRead((await zipDownload.PathAsync())!)))
        {
            zip.Entries.Count.ShouldBe(expected.Count);
            foreach (var entry in zip.Entries)
            {
                using var bytes = new MemoryStream();
                await using (var s = entry.Open()) await s.CopyToAsync(bytes);
                PdfText.IsPdf(bytes.ToArray()).ShouldBeTrue(entry.FullName);
            }
        }

        var notice = expected[^1];
        await page.GetByRole(AriaRole.Link, new() { Name = "Retour aux avis d'échéance" }).ClickAsync();
        await page.GetByLabel("Référence de l'avis").FillAsync(notice);
        var pdfDownload = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Télécharger le PDF" }).ClickAsync());
        pdfDownload.SuggestedFilename.ShouldBe("avis-" + notice.Replace('/', '-') + ".pdf");
        var pdf = await File.ReadAllBytesAsync((await pdfDownload.PathAsync())!);
        PdfText.IsPdf(pdf).ShouldBeTrue();
        PdfText.Of(pdf).ShouldContain("Avis n° " + notice);
        await Chromium.ShotAsync(page, "rent-run-03-one-notice", output);
    }
}
