using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ledger.Tests.Api;

public sealed class ReversalsFixture : LedgerHostFixture;

[Trait("Category", "Integration")]
public sealed class ReversalsAndReportsTests(ReversalsFixture host) : IClassFixture<ReversalsFixture>
{
    private async Task<HttpResponseMessage> Reverse(string paymentId, string reversalId, string kind, string amount, string reason)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"payments/{paymentId}/reversals")
        {
            Content = JsonContent.Create(new { reversalId, kind, amount, currency = "EUR", on = "2026-11-15", reasonCode = reason }),
        };
        request.Headers.Add("Idempotency-Key", reversalId);
        return await host.Ops.SendAsync(request);
    }

    [Fact]
    public async Task ReversePayment_ChequeReturnedUnpaid_ReopensTheNoticeAndRestoresTheBalance()
    {
        var before = await host.Ops.GetFromJsonAsync<JsonElement>("accounts?tenantReference=100013/01");
        (await host.Ops.PostPaymentAsync(LedgerHttp.Payment("cheque:D1-0001", "100013/01", "300.00", "2026-11/000013", channel: "Cheque"), "cheque:D1-0001"))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var reversal = await Reverse("cheque:D1-0001", "cheque:D1-0001:impaye", "ChequeReturned", "300.00", "provision insuffisante");
        var again = await Reverse("cheque:D1-0001", "cheque:D1-0001:impaye", "ChequeReturned", "300.00", "provision insuffisante");

        reversal.StatusCode.ShouldBe(HttpStatusCode.Created);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        var notice = await host.Ops.GetFromJsonAsync<JsonElement>("notices?noticeReference=2026-11/000013");
        notice.GetProperty("paid").GetString().ShouldBe("0.00");
        notice.GetProperty("status").GetString().ShouldBe("Unpaid");
        (await host.Ops.GetFromJsonAsync<JsonElement>("accounts?tenantReference=100013/01")).GetProperty("balance").GetString()
            .ShouldBe(before.GetProperty("balance").GetString());
    }

    [Fact]
    public async Task CancelReversal_ChargebackReversed_PaysTheNoticeAgain()
    {
        (await host.Ops.PostPaymentAsync(LedgerHttp.Payment("card:CB-1", "100015/01", "100.00", "2026-11/000015", channel: "Card"), "card:CB-1"))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Reverse("card:CB-1", "card:CB-1:CHARGEBACK", "Chargeback", "100.00", "10.4")).StatusCode.ShouldBe(HttpStatusCode.Created);

        var cancelled = await host.Ops.PostAsJsonAsync("payments/card:CB-1/reversals/card:CB-1:CHARGEBACK/cancellation", new { on = "2026-11-30" });

        cancelled.StatusCode.ShouldBe(HttpStatusCode.Created);
        var payment = await cancelled.Content.ReadFromJsonAsync<JsonElement>();
        payment.GetProperty("status").GetString().ShouldBe("Recorded");
        payment.GetProperty("allocations").EnumerateArray().Sum(a => RecordPaymentTests.Cents(a.GetProperty("amount"))).ShouldBe(10000);
    }

    [Fact]
    public async Task Reallocate_MovesMoneyBetweenNotices_WithoutOverpaying()
    {
        (await host.Ops.PostPaymentAsync(LedgerHttp.Payment("transfer:REALLOC-1", "100017/01", "200.00", "2026-11/000017"), "transfer:REALLOC-1"))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var moved = await host.Ops.PostAsJsonAsync("payments/transfer:REALLOC-1/allocations",
            new { noticeReference = "2026-10/000017", fromNoticeReference = "2026-11/000017", amount = "50.00" });
        var tooMuch = await host.Ops.PostAsJsonAsync("payments/transfer:REALLOC-1/allocations",
            new { noticeReference = "2026-10/000017", fromNoticeReference = "2026-11/000017", amount = "5000.00" });

        moved.StatusCode.ShouldBe(HttpStatusCode.Created);
        tooMuch.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await host.Ops.GetFromJsonAsync<JsonElement>("notices?noticeReference=2026-10/000017")).GetProperty("paid").GetString().ShouldBe("50.00");
    }

    [Fact]
    public async Task OpenItems_PagedByNoticeReference_ListEveryOpenNoticeOnce()
    {
        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = await host.Ops.GetFromJsonAsync<JsonElement>($"open-items?limit=7{(after is null ? "" : "&after=" + Uri.EscapeDataString(after))}");
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("noticeReference").GetString()!));
            after = page.GetProperty("next").GetString();
        }
        while (after is not null);

        seen.ShouldBeUnique();
        seen.ShouldContain("2026-11/000001");
        seen.ShouldNotContain("2026-10/000002"); // paid in full by the demo seed
        seen.Count.ShouldBeGreaterThan(20);
    }

    [Fact]
    public async Task Journal_ForAPeriod_IsBalancedAndBooksRentOn7043()
    {
        var journal = await host.Ops.GetFromJsonAsync<JsonElement>("journal?from=2026-10-01&to=2026-12-31");

        journal.GetProperty("balanced").GetBoolean().ShouldBeTrue();
        journal.GetProperty("totalDebit").GetString().ShouldBe(journal.GetProperty("totalCredit").GetString());
        var lines = journal.GetProperty("entries").EnumerateArray().SelectMany(e => e.GetProperty("lines").EnumerateArray()).ToList();
        lines.ShouldContain(l => l.GetProperty("account").GetString() == "7043");
        lines.ShouldContain(l => l.GetProperty("account").GetString() == "70943" && l.GetProperty("debit").GetString() != "0.00");
    }

    [Fact]
    public async Task LookupNotice_ReferencesOfAnotherTenant_SameAnswerAsUnknown()
    {
        var mismatch = await host.Payments.PostAsJsonAsync("notices/lookup", new { tenantReference = "100002/01", noticeReference = "2026-11/000001" });
        var unknown = await host.Payments.PostAsJsonAsync("notices/lookup", new { tenantReference = "100001/01", noticeReference = "2099-01/999999" });
        var malformed = await host.Payments.PostAsJsonAsync("notices/lookup", new { tenantReference = "<script>", noticeReference = "x" });
        var match = await host.Payments.PostAsJsonAsync("notices/lookup", new { tenantReference = "100001/01", noticeReference = "2026-11/000001" });

        mismatch.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await mismatch.Content.ReadAsStringAsync()).Split("traceId")[0].ShouldBe((await unknown.Content.ReadAsStringAsync()).Split("traceId")[0]);
        malformed.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var notice = await match.Content.ReadFromJsonAsync<JsonElement>();
        notice.GetProperty("amountDue").GetString().ShouldBe("512.30");
        notice.GetProperty("landlordName").GetString().ShouldBe("Demo Habitat");
        Primitives.RfReference.IsValid(notice.GetProperty("rfReference").GetString()).ShouldBeTrue();
    }

    // Regression: the demo landlord had no SIREN, so DevHost's FEC export answered 409.
    [Fact]
    public async Task Fec_DemoLandlord_ExportsUnderItsSirenAndPassesTheChecker()
    {
        var response = await host.Ops.GetAsync("exports/fec?fiscalYearEnd=2026-12-31");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var fileName = response.Content.Headers.ContentDisposition!.FileName!.Trim('"');
        fileName.ShouldBe("900000001FEC20261231.txt");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Ledger.Tests.Accounting.FecChecker.Check(bytes, fileName, "900000001", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), expectOpening: false)
            .ShouldBeEmpty();
    }
}
