using System.IO.Compression;
using System.Net;
using Reconciliation.Service.Tests.Support;

namespace Reconciliation.Service.Tests;

/// <summary>Issue 12 §2: an accountant downloads the month's quittances through the ledger API; the same bytes twice.</summary>
[Collection("recon")]
public sealed class QuittancesDownloadTests(ReconStack stack)
{
    [Fact]
    public async Task QuittancesZip_LoggedIn_IsTheLedgersZipOfValidQuittances_SameBytesTwice()
    {
        using var browser = await stack.LoginAsync("compta", ReconStack.AccountantPassword);

        using var first = await browser.GetAsync("quittances.zip?period=2026-11");
        var bytes = await first.Content.ReadAsByteArrayAsync();
        var again = await browser.GetByteArrayAsync("quittances.zip?period=2026-11");

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        first.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        again.ShouldBe(bytes);
        using var zip = new ZipArchive(new MemoryStream(bytes));
        zip.Entries.Count.ShouldBeGreaterThan(0, "the generated month's payments settle some November notices in full");
        zip.Entries.ShouldAllBe(e => e.FullName.StartsWith("Q-", StringComparison.Ordinal) && e.FullName.EndsWith(".pdf", StringComparison.Ordinal));
    }

    [Fact]
    public async Task QuittancesZip_BadPeriod_400()
    {
        using var browser = await stack.LoginAsync("compta", ReconStack.AccountantPassword);
        (await browser.GetAsync("quittances.zip?period=2026-13")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
