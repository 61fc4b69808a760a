using System.Net;
using Primitives;
using Reconciliation.Service.Tests.Support;

namespace Reconciliation.Service.Tests;

/// <summary>Issue 8 §3: the balance âgée as a page of the accountants' workspace, from the ledger's own report.</summary>
[Collection("recon")]
public sealed class AgedBalancePageTests(ReconStack stack)
{
    [Fact]
    public async Task AgedBalancePage_AfterTheMonth_ShowsTheLedgersTotalsInFrenchAndPages()
    {
        var report = await stack.LedgerGetAsync("reports/aged-balance?asOf=2026-12-15");
        var tenants = report.GetProperty("tenants").EnumerateArray().ToList();
        tenants.Count.ShouldBeGreaterThan(200, "the generated month leaves more than one page of tenants in arrears");
        using var browser = await stack.LoginAsync("compta", ReconStack.AccountantPassword);

        var html = WebUtility.HtmlDecode(await browser.GetStringAsync("aged-balance?asOf=2026-12-15"));
        html.ShouldContain("Balance âgée des locataires");
        html.ShouldContain("au 15 décembre 2026");
        html.ShouldContain("31 à 60 jours");
        Money.TryParseCents(report.GetProperty("totals").GetProperty("total").GetString(), out var total).ShouldBeTrue();
        total.ShouldBeGreaterThan(0);
        var totals = html[html.IndexOf("id=\"totals\"", StringComparison.Ordinal)..];
        totals.ShouldContain(French(total));
        var first = tenants[0];
        html.ShouldContain(first.GetProperty("tenantReference").GetString()!);
        html.ShouldContain("Page 1 sur");
        html.ShouldNotContain(tenants[200].GetProperty("tenantReference").GetString()! + "</a>");

        var second = WebUtility.HtmlDecode(await browser.GetStringAsync("aged-balance?asOf=2026-12-15&page=2"));
        second.ShouldContain(tenants[200].GetProperty("tenantReference").GetString()! + "</a>");
    }

    [Fact]
    public async Task AgedBalanceCsv_LoggedIn_IsTheLedgersCsvOneLinePerTenant()
    {
        var report = await stack.LedgerGetAsync("reports/aged-balance?asOf=2026-12-15");
        using var browser = await stack.LoginAsync("compta", ReconStack.AccountantPassword);
        using var response = await browser.GetAsync("aged-balance.csv?asOf=2026-12-15");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe("balance-agee-20261215.csv");
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("locataire;nom;non_echu;0_30");
        lines.Length.ShouldBe(report.GetProperty("tenants").GetArrayLength() + 1);
    }

    [Fact]
    public async Task AgedBalancePage_WithABadDate_SaysSoInFrenchAndCallsNothing()
    {
        using var browser = await stack.LoginAsync("compta", ReconStack.AccountantPassword);
        var html = WebUtility.HtmlDecode(await browser.GetStringAsync("aged-balance?asOf=15%2F12%2F2026"));
        html.ShouldContain("La date doit être au format AAAA-MM-JJ.");
        html.ShouldNotContain("id=\"aged\"");
    }

    private static string French(long cents) =>
        (cents / 100m).ToString("#,##0.00", System.Globalization.CultureInfo.GetCultureInfo("fr-FR")) + "\u00a0€";
}
