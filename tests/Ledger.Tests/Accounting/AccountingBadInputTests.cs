using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ledger.Api.Features.Exports;

namespace Ledger.Tests.Accounting;

[Trait("Category", "Integration")]
public sealed class AccountingBadInputTests(GeneratedYearFixture year) : IClassFixture<GeneratedYearFixture>
{
    private static async Task<string?> FieldOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString();

    [Fact]
    public async Task UpsertLandlord_SirenFailingLuhn_400NamingSiren_ProfileUnchanged()
    {
        var response = await year.Ops.PutAsJsonAsync($"/landlords/{GeneratedYearFixture.Landlord}",
            new { name = "Gen Habitat", tenantReferencePattern = @"^\d{6}/\d{2}$", siren = "443061842" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await FieldOf(response)).ShouldBe("siren");
        (await year.ExportFecAsync()).FileName.ShouldBe($"{GeneratedYearFixture.Siren}FEC20251231.txt");
    }

    [Fact]
    public async Task UpsertLandlord_BadFiscalYearEnd_400NamingTheField()
    {
        var response = await year.Ops.PutAsJsonAsync("/landlords/other-habitat", new { name = "Other", fiscalYearEnd = "13-01" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await FieldOf(response)).ShouldBe("fiscalYearEnd");
        (await year.Ops.GetAsync("/landlords/other-habitat/exports/fec?fiscalYearEnd=2025-12-31")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Fec_LandlordWithoutSiren_409NamingSiren()
    {
        (await year.Ops.PutAsJsonAsync("/landlords/nosiren-habitat", new { name = "Sans SIREN" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await year.Ops.GetAsync("/landlords/nosiren-habitat/exports/fec?fiscalYearEnd=2025-12-31");

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await FieldOf(response)).ShouldBe("siren");
        response.Content.Headers.ContentDisposition.ShouldBeNull();
    }

    [Theory]
    [InlineData("2025-06-30")] // not the landlord's year end (calendar year)
    [InlineData("2031-12-31")] // a year that has not started
    [InlineData("31/12/2025")] // not a date
    [InlineData("")]
    public async Task Fec_WrongFiscalYearEnd_400NamingFiscalYearEnd(string end)
    {
        var response = await year.Ops.GetAsync($"exports/fec?fiscalYearEnd={end}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await FieldOf(response)).ShouldBe("fiscalYearEnd");
    }

    [Fact]
    public async Task Exports_KeyWithoutJournalRead_403_NoContent()
    {
        foreach (var route in new[] { "exports/fec?fiscalYearEnd=2025-12-31", "exports/journal.csv?from=2025-01-01&to=2025-12-31", "reports/aged-balance" })
        {
            var response = await year.Payments.GetAsync(route);
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, route);
            (await response.Content.ReadAsStringAsync()).ShouldNotContain("JournalCode");
        }
    }

    [Fact]
    public async Task JournalCsv_Year_BalancedRowsAndFormulaCellsNeutralised()
    {
        var response = await year.Ops.GetAsync("exports/journal.csv?from=2025-01-01&to=2025-12-31");
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var rows = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        rows[0].ShouldBe(ExportJournalCsv.Header);
        rows.Length.ShouldBeGreaterThan(2000);
        rows.Skip(1).Sum(r => FecChecker.Cents(r.Split(';')[8]) - FecChecker.Cents(r.Split(';')[9])).ShouldBe(0);
        ExportJournalCsv.Cell("=HYPERLINK(\"http://x\")").ShouldBe("\"'=HYPERLINK(\"\"http://x\"\")\"");
        ExportJournalCsv.Cell("+33 1 23").ShouldBe("\"'+33 1 23\"");
        ExportJournalCsv.Cell("-2+3").ShouldBe("\"'-2+3\"");
        ExportJournalCsv.Cell("@SUM(A1)").ShouldBe("\"'@SUM(A1)\"");
        ExportJournalCsv.Cell("Mme GUÉRIN; Léonie").ShouldBe("\"Mme GUÉRIN; Léonie\"");
        ExportJournalCsv.Cell("2025-01/000001").ShouldBe("2025-01/000001");
    }

    [Fact]
    public async Task AgedBalance_TotalsMatchTheOpenNotices_BucketsByDaysPastDue()
    {
        var aged = await year.Ops.GetFromJsonAsync<JsonElement>("reports/aged-balance?asOf=2026-01-20");
        var tenants = aged.GetProperty("tenants").EnumerateArray().ToList();
        long Sum(string field) => tenants.Sum(t => FecChecker.Cents(t.GetProperty(field).GetString()!.Replace('.', ',')));

        tenants.ShouldNotBeEmpty();
        foreach (var t in tenants.Take(15))
        {
            var account = await year.Ops.GetFromJsonAsync<JsonElement>($"accounts?tenantReference={Uri.EscapeDataString(t.GetProperty("tenantReference").GetString()!)}");
            var open = account.GetProperty("openNotices").EnumerateArray()
                .Sum(n => FecChecker.Cents(n.GetProperty("amountDue").GetString()!.Replace('.', ',')));
            FecChecker.Cents(t.GetProperty("total").GetString()!.Replace('.', ',')).ShouldBe(open);
        }
        // December 2025 notices (due 5 December) are 46 days late on 20 January 2026: never in 0–30.
        (Sum("notDue") + Sum("days0To30") + Sum("days31To60") + Sum("days61To90") + Sum("over90")).ShouldBe(Sum("total"));
        Sum("notDue").ShouldBe(0);
        Sum("days0To30").ShouldBe(0);
    }
}
