using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Tests.Api;

namespace Ledger.Tests.Accounting;

[Trait("Category", "Integration")]
public sealed class FecExportTests(GeneratedYearFixture year) : IClassFixture<GeneratedYearFixture>
{
    private static long Cents(JsonElement amount) => Primitives.Money.TryParseCents(amount.GetString()!, out var c) ? c : throw new FormatException();

    [Fact]
    public async Task Fec_GeneratedYear_PassesEveryRuleOfTheChecker()
    {
        var (bytes, fileName, response) = await year.ExportFecAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        response.Content.Headers.ContentType.CharSet.ShouldBe("iso-8859-15");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        var errors = FecChecker.Check(bytes, fileName, GeneratedYearFixture.Siren, GeneratedYearFixture.YearStart, GeneratedYearFixture.YearEnd, expectOpening: true);
        errors.ShouldBeEmpty();
        var lines = FecChecker.Parse(bytes);
        lines.Count.ShouldBeGreaterThan(2000);
        lines.Select(l => l["JournalCode"]).Distinct().Order().ShouldBe(["AN", "BQ", "CB", "CH", "VT"]);
        // Tenant lines: 411 with the tenant reference and the tenant's name (accents written in Latin-9).
        var tenantLines = lines.Where(l => l["CompteNum"] == "411").ToList();
        tenantLines.ShouldAllBe(l => year.Tenants.Contains(l["CompAuxNum"]) && l["CompAuxLib"].Length > 2);
        lines.Where(l => l["CompteNum"] != "411").ShouldAllBe(l => l["CompAuxNum"] == "");
    }

    [Fact]
    public async Task Fec_RoundTrip_AllocatedPaymentsShareTheirNoticesCode_UnletteredLinesMakeTheBalance()
    {
        var lines = FecChecker.Parse((await year.ExportFecAsync()).Bytes).Where(l => l["CompteNum"] == "411").ToList();
        var byPiece = lines.Where(l => l["JournalCode"] != "AN").GroupBy(l => l["PieceRef"]).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var checkedPairs = 0;
        foreach (var id in year.PaymentIds)
        {
            var payment = await year.Ops.GetFromJsonAsync<JsonElement>($"payments/{id}");
            foreach (var allocation in payment.GetProperty("allocations").EnumerateArray())
            {
                var notice = allocation.GetProperty("noticeReference").GetString()!;
                if (!byPiece.TryGetValue(notice, out var noticeLine)) continue; // a 2024 notice: in the à-nouveaux
                var code = byPiece[id]["EcritureLet"];
                code.ShouldNotBeEmpty($"payment {id} is allocated to {notice} but not lettered");
                noticeLine["EcritureLet"].ShouldBe(code, $"payment {id} and notice {notice}");
                checkedPairs++;
            }
        }
        checkedPairs.ShouldBeGreaterThan(500);
        foreach (var tenant in year.Tenants)
        {
            var account = await year.Ops.GetFromJsonAsync<JsonElement>($"accounts?tenantReference={Uri.EscapeDataString(tenant)}");
            var unlettered = lines.Where(l => l["CompAuxNum"] == tenant && l["DateLet"] == "").Sum(l => l.Debit - l.Credit);
            unlettered.ShouldBe(Cents(account.GetProperty("balance")), $"tenant {tenant}");
        }
        lines.Count(l => l["DateLet"] != "").ShouldBeGreaterThan(lines.Count / 2);
        year.Reversals.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Fec_ExportedTwice_SameBytes()
    {
        var first = await year.ExportFecAsync();
        var second = await year.ExportFecAsync();

        second.Bytes.ShouldBe(first.Bytes);
        first.FileName.ShouldBe($"{GeneratedYearFixture.Siren}FEC20251231.txt");
    }

    [Fact]
    public async Task Fec_UndoAllocationThenRedo_GroupUnletteredThenNewCode_OldCodeNeverReused()
    {
        var before = FecChecker.Parse((await year.ExportFecAsync()).Bytes);
        var target = before.First(l => l["JournalCode"] == "BQ" && l["CompteNum"] == "411" && l["DateLet"] != ""
            && before.Count(o => o["CompAuxNum"] == l["CompAuxNum"] && o["EcritureLet"] == l["EcritureLet"]) == 2);
        var (tenant, oldCode, paymentId) = (target["CompAuxNum"], target["EcritureLet"], target["PieceRef"]);
        var noticeRef = before.Single(o => o["CompAuxNum"] == tenant && o["EcritureLet"] == oldCode && o["PieceRef"] != paymentId)["PieceRef"];

        var reverse = new HttpRequestMessage(HttpMethod.Post, $"payments/{paymentId}/reversals")
        {
            Content = JsonContent.Create(new { reversalId = "undo-1", kind = "Chargeback", amount = target["Credit"].Replace(',', '.'), currency = "EUR", on = "2025-12-20", reasonCode = "10.4" }),
        };
        reverse.Headers.Add("Idempotency-Key", "undo-1");
        (await year.Ops.SendAsync(reverse)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var undone = FecChecker.Parse((await year.ExportFecAsync()).Bytes);
        var redo = await year.Ops.PostAsJsonAsync($"payments/{paymentId}/reversals/undo-1/cancellation", new { on = "2025-12-22" });
        redo.StatusCode.ShouldBe(HttpStatusCode.Created);
        var (bytes, fileName, _) = await year.ExportFecAsync();
        var after = FecChecker.Parse(bytes);

        FecChecker.Check(bytes, fileName, GeneratedYearFixture.Siren, GeneratedYearFixture.YearStart, GeneratedYearFixture.YearEnd, true).ShouldBeEmpty();
        Letter(undone, tenant, noticeRef).ShouldBe(("", ""));                       // the notice is open again: unlettered
        undone.Where(l => l["CompAuxNum"] == tenant).ShouldAllBe(l => l["EcritureLet"].ToUpperInvariant() != oldCode);
        var newCode = Letter(after, tenant, paymentId).Code;
        newCode.ShouldNotBeEmpty();
        newCode.ShouldNotBe(oldCode);
        after.Where(l => l["CompAuxNum"] == tenant).ShouldAllBe(l => l["EcritureLet"].ToUpperInvariant() != oldCode);
        var statement = await year.Ops.GetFromJsonAsync<JsonElement>($"accounts/statement?tenantReference={Uri.EscapeDataString(tenant)}");
        statement.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("piece").GetString() == paymentId)
            .ShouldAllBe(l => l.GetProperty("lettrage").GetString() == newCode.ToUpperInvariant() || l.GetProperty("lettrage").GetString() == newCode);
    }

    private static (string Code, string DateLet) Letter(List<FecLine> lines, string tenant, string piece) =>
        lines.Where(l => l["CompAuxNum"] == tenant && l["PieceRef"] == piece).Select(l => (l["EcritureLet"], l["DateLet"])).First();
}
