using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Ledger.Tests.Api;

public sealed class RentRollSpreadsheetFixture : LedgerHostFixture;

/// <summary>The rent-roll import as landlords really send it: every bad line reported at once, French spreadsheet exports accepted.</summary>
[Trait("Category", "Integration")]
public sealed class RentRollSpreadsheetTests(RentRollSpreadsheetFixture host) : IClassFixture<RentRollSpreadsheetFixture>
{
    private const string Header = "tenant_reference,tenant_name,dwelling_reference,notice_reference,period,issued_on,due_date,rent,charges,sls,rls,other,currency";

    private Task<HttpResponseMessage> PostCsvAsync(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("text/csv");
        return host.Ops.PostAsync("notices/import", content);
    }

    [Fact]
    public async Task ImportCsv_ThreeBadLines_AllReportedInOneProblemAndNothingWritten()
    {
        var csv = string.Join("\n",
            Header,
            "400001/01,Martin Léa,A1,2026-12/400001,2026-12,,2026-12-05,abc,,,,,EUR",
            "400002/01,Petit Jean,A2,2026-12/400002,2026-12,,2026-12-05,500.00",
            "400003/01,Roux Ana,A3,2026-12/400003,2026-13,,2026-12-05,500.00,,,,,EUR",
            "400004/01,Blanc Noé,A4,2026-12/400004,2026-12,,2026-12-05,500.00,,,,,EUR") + "\n";

        var response = await PostCsvAsync(Encoding.UTF8.GetBytes(csv));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("errorCount").GetInt32().ShouldBe(3);
        problem.GetProperty("field").GetString().ShouldBe("line 2: rent");
        var fields = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()!).ToList();
        fields[0].ShouldBe("line 2: rent");
        fields[1].ShouldStartWith("line 3");
        fields[2].ShouldStartWith("line 4");
        (await host.Ops.GetAsync("notices?noticeReference=2026-12%2F400004")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ImportCsv_FrenchSpreadsheetSemicolonsWindows1252DecimalComma_IsImported()
    {
        var csv = Header.Replace(',', ';') + "\r\n" + "400011/01;Hélène Dupré;B1;2026-12/400011;2026-12;;2026-12-05;512,30;45,00;;-20,50;;EUR\r\n";
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

        var response = await PostCsvAsync(Encoding.GetEncoding(1252).GetBytes(csv));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await host.Ops.GetFromJsonAsync<JsonElement>("notices?noticeReference=2026-12/400011")).GetProperty("total").GetString().ShouldBe("536.80");
        (await host.Ops.GetFromJsonAsync<JsonElement>("accounts?tenantReference=400011/01")).GetProperty("tenantName").GetString().ShouldBe("Hélène Dupré");
    }

    [Fact]
    public async Task ImportCsv_Utf8WithBomAndSemicolons_IsImported()
    {
        var csv = Header.Replace(',', ';') + "\n" + "400012/01;Zoé Œuvray;B2;2026-12/400012;2026-12;;2026-12-05;600,00;;;;;\n";
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray();

        var response = await PostCsvAsync(bytes);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await host.Ops.GetFromJsonAsync<JsonElement>("accounts?tenantReference=400012/01")).GetProperty("tenantName").GetString().ShouldBe("Zoé Œuvray");
    }
}
