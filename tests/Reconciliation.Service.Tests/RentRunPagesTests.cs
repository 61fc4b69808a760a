using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Reconciliation.Api.Pages;
using Reconciliation.Service.Tests.Browser;
using Reconciliation.Service.Tests.Support;
using Tests.Shared;

namespace Reconciliation.Service.Tests;

/// <summary>
/// Issue 12 §1, the accountants' rent run: the page, its period (next month by default, French error naming the field), the
/// batch launched through the ledger with the service's key, its progress page, the zip and one notice's PDF. On the browser
/// stack (400 tenants): a batch of 2,000 PDFs would only slow the shared stack down.
/// </summary>
[Collection("recon-browser")]
public sealed partial class RentRunPagesTests(BrowserReconStack stack)
{
    [Theory]
    [InlineData("2026-11-15T09:00:00Z", "2026-12")]
    [InlineData("2026-11-30T23:30:00Z", "2027-01")] // already 1 December in Paris
    [InlineData("2026-12-31T12:00:00Z", "2027-01")]
    public void NextPeriod_ParisDate_IsTheFollowingMonth(string now, string expected) =>
        RentRunPages.NextPeriod(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(expected);

    [Fact]
    public async Task RentRunPage_Accountant_DefaultsToNextMonthAndIsInTheNavigation()
    {
        using var browser = await stack.LoginAsync("compta", ReconStack.AccountantPassword);

        var page = WebUtility.HtmlDecode(await browser.GetStringAsync("notices"));

        page.ShouldContain("<a href=\"/notices\">Avis d'échéance</a>");
        page.ShouldContain($"name=\"period\" value=\"{RentRunPages.NextPeriod(TimeProvider.System.GetUtcNow())}\"");
        page.ShouldContain("name=\"__RequestVerificationToken\"");
    }

    [Fact]
    public async Task RentRunPage_Approver_IsAllowedAndAnonymousGoesToLogin()
    {
        using var approver = await stack.LoginAsync("approb", ReconStack.ApproverPassword);
        (await approver.GetAsync("notices")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var anonymous = stack.Browser();
        using var response = await anonymous.GetAsync("notices");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/login");
    }

    [Theory]
    [InlineData("2026-13", 400, "Période : indiquez un mois au format AAAA-MM")]
    [InlineData("novembre", 400, "Période : indiquez un mois au format AAAA-MM")]
    [InlineData("", 400, "Période : indiquez un mois au format AAAA-MM")]
    [InlineData("2031-02", 404, "Période : le grand livre n'a aucun avis d'échéance pour février 2031.")]
    public async Task RentRun_BadOrEmptyPeriod_FrenchErrorNamingTheField(string period, int status, string message)
    {
        using var browser = await stack.LoginAsync("compta", ReconStack.AccountantPassword);
        var token = await ReconStack.TokenAsync(browser, "notices");

        using var response = await browser.PostAsync("notices/batches", ReconStack.Form(token, ("period", period)));

        ((int)response.StatusCode).ShouldBe(status);
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).ShouldContain(message);
    }

    [Fact]
    public async Task RentRun_WithoutAntiforgeryToken_IsRefused()
    {
        using var browser = await stack.LoginAsync("compta", ReconStack.AccountantPassword);

        using var response = await browser.PostAsync("notices/batches", new FormUrlEncodedContent([new("period", "2026-11")]));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task RentRun_Launched_ProgressPageThenZipOfEveryNoticeOfThePeriod()
    {
        using var browser = await stack.LoginAsync("compta", ReconStack.AccountantPassword);
        var token = await ReconStack.TokenAsync(browser, "notices");

        using var started = await browser.PostAsync("notices/batches", ReconStack.Form(token, ("period", "2026-11")));
        started.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var progress = started.Headers.Location!.ToString();
        progress.ShouldStartWith("/notices/batches/2026-11.");
        var page = await WaitUntilDoneAsync(browser, progress);
        var expected = NoticesOf(stack, "2026-11");

        page.ShouldContain($"<span id=\"done\">{expected.Count}</span> avis produits sur <span id=\"total\">{expected.Count}</span>");
        page.ShouldNotContain("http-equiv=\"refresh\"");
        using var zipResponse = await browser.GetAsync(progress.TrimStart('/') + "/zip");
        zipResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        zipResponse.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        using var zip = new ZipArchive(new MemoryStream(await zipResponse.Content.ReadAsByteArrayAsync()));
        zip.Entries.Count.ShouldBe(expected.Count);
        zip.Entries.Select(e => e.FullName[6..]).Order(StringComparer.Ordinal)
            .ShouldBe(expected.Select(n => "avis-" + n.Replace('/', '-') + ".pdf").Order(StringComparer.Ordinal));
        using var first = new MemoryStream();
        await using (var s = zip.Entries[0].Open()) await s.CopyToAsync(first);
        PdfText.IsPdf(first.ToArray()).ShouldBeTrue();
        WebUtility.HtmlDecode(await browser.GetStringAsync("audit")).ShouldContain($"tirage {progress[(progress.LastIndexOf('/') + 1)..]} : {expected.Count} avis");
    }

    [Fact]
    public async Task NoticePdf_ByReference_IsTheLedgersPdfOfThatNotice()
    {
        using var browser = await stack.LoginAsync("compta", ReconStack.AccountantPassword);
        var notice = NoticesOf(stack, "2026-11")[7];

        using var response = await browser.GetAsync("notices/pdf?noticeReference=" + Uri.EscapeDataString(notice));
        var pdf = await response.Content.ReadAsByteArrayAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        response.Content.Headers.ContentDisposition!.FileName.ShouldBe("avis-" + notice.Replace('/', '-') + ".pdf");
        PdfText.Of(pdf).ShouldContain("Avis n° " + notice);
        pdf.ShouldBe(await stack.LedgerOps.GetByteArrayAsync("notices/pdf?noticeReference=" + Uri.EscapeDataString(notice)));
    }

    [Theory]
    [InlineData("pas une référence", 400, "Référence de l'avis : indiquez-la comme sur l'avis")]
    [InlineData("2026-11/999999", 404, "Référence de l'avis : le grand livre n'a pas d'avis 2026-11/999999.")]
    public async Task NoticePdf_BadOrUnknownReference_FrenchMessageNamingTheField(string reference, int status, string message)
    {
        using var browser = await stack.LoginAsync("compta", ReconStack.AccountantPassword);

        using var response = await browser.GetAsync("notices/pdf?noticeReference=" + Uri.EscapeDataString(reference));

        ((int)response.StatusCode).ShouldBe(status);
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).ShouldContain(message);
    }

    /// <summary>The progress page, reloaded as the browser would, until it says the batch is finished (3 minutes at most).</summary>
    public static async Task<string> WaitUntilDoneAsync(HttpClient browser, string progress)
    {
        var until = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var page = await browser.GetStringAsync(progress.TrimStart('/'));
            if (page.Contains("<dd id=\"status\">terminé</dd>", StringComparison.Ordinal)) return page;
            page.ShouldContain("<dd id=\"status\">en cours</dd>");
            page.ShouldContain("http-equiv=\"refresh\"");
            page.ShouldContain("Cette page se met à jour toute seule.");
            if (DateTime.UtcNow > until) throw new TimeoutException("the rent run did not finish within 3 minutes");
            await Task.Delay(500);
        }
    }

    /// <summary>The period's notice references, from the rent roll the stack loaded into the ledger.</summary>
    public static List<string> NoticesOf(ReconStack stack, string period) =>
        File.ReadLines(Path.Combine(stack.Folder, RentGenerator.Output.RentRoll)).Skip(1)
            .Select(line => RentRollNotice().Match(line))
            .Where(m => m.Success && m.Groups[2].Value == period).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToList();

    // notice_reference, period, issued_on: the three columns after the (maybe quoted) name and dwelling.
    [GeneratedRegex(@",([^,""]+),(\d{4}-\d{2}),\d{4}-\d{2}-\d{2},\d{4}-\d{2}-\d{2},")]
    private static partial Regex RentRollNotice();
}
