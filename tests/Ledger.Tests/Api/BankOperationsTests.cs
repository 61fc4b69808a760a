using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ledger.Tests.Api;

public sealed class BankOperationsFixture : LedgerHostFixture
{
    public const string OtherLandlordKey = "test-bank-other-landlord-0123456789";

    // A key with the bank scopes for another landlord only: the demo landlord's bank routes must answer it 404.
    protected override IEnumerable<string> ExtraArgs =>
    [
        "--Ledger:ApiKeys:2:Name=other", $"--Ledger:ApiKeys:2:Key={OtherLandlordKey}", "--Ledger:ApiKeys:2:Scopes=bank:read bank:write",
        "--Ledger:ApiKeys:2:Landlords=other-habitat",
    ];
}

[Trait("Category", "Integration")]
public sealed class BankOperationsTests(BankOperationsFixture host) : IClassFixture<BankOperationsFixture>
{
    private static object Parked(string entryId, string amount = "87.40", string? valueDate = "2026-11-06") =>
        new { entryId, amount, currency = "EUR", valueDate, channel = "Transfer", bankAccount = "compte courant", reason = "payeur inconnu", by = "compta" };

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    [Fact]
    public async Task Suspense_SameEntryAndContentTwice_201Then200AndOneJournalEntry()
    {
        var first = await PostAsync(host.Ops, "bank/suspense", Parked("IDEM-S1"), "IDEM-S1");
        var second = await PostAsync(host.Ops, "bank/suspense", Parked("IDEM-S1"), "IDEM-S1");

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Json(second)).GetProperty("repeated").GetBoolean().ShouldBeTrue();
        var entries = (await Journal()).Where(e => e.GetProperty("pieceRef").GetString() == "att-IDEM-S1").ToList();
        entries.Count.ShouldBe(1);
        entries[0].GetProperty("journal").GetString().ShouldBe("BQ");
    }

    [Fact]
    public async Task Suspense_SameEntryOtherAmount_409NamingEntryIdAndKeepsTheFirst()
    {
        (await PostAsync(host.Ops, "bank/suspense", Parked("IDEM-S2"), "IDEM-S2")).StatusCode.ShouldBe(HttpStatusCode.Created);

        var conflict = await PostAsync(host.Ops, "bank/suspense", Parked("IDEM-S2", "87.41"), "IDEM-S2");

        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Json(conflict)).GetProperty("field").GetString().ShouldBe("entryId");
        var open = await host.Ops.GetFromJsonAsync<JsonElement>("bank/suspense?asOf=2026-11-16");
        var item = open.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("entryId").GetString() == "IDEM-S2");
        item.GetProperty("amount").GetString().ShouldBe("87.40");
        item.GetProperty("ageDays").GetInt32().ShouldBe(10);
    }

    [Theory]
    [InlineData("abc", "2026-11-06", "IDEM-B1", "amount")]
    [InlineData("2000000.00", "2026-11-06", "IDEM-B2", "amount")]
    [InlineData("10.00", "06/11/2026", "IDEM-B3", "valueDate")]
    [InlineData("10.00", "2026-11-06", null, "Idempotency-Key")]
    public async Task Suspense_BadInput_400NamingTheFieldAndNothingWritten(string amount, string valueDate, string? key, string field)
    {
        var response = await PostAsync(host.Ops, "bank/suspense", Parked("BAD-" + field + amount, amount, valueDate), key is null ? null : "BAD-" + field + amount);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Json(response)).GetProperty("field").GetString().ShouldBe(field);
        (await Journal()).ShouldNotContain(e => e.GetProperty("pieceRef").GetString()!.StartsWith("att-BAD-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Remittance_ChequeSlipCredited_201Then200And5112AgainstTheBankOnce()
    {
        object Slip(string amount) => new { entryId = "REM-1", amount, currency = "EUR", on = "2026-11-10", from = "Cheque", reason = "remise 0042", by = "reconciliation" };

        var first = await PostAsync(host.Ops, "bank/remittances", Slip("1234.56"), "REM-1");
        var again = await PostAsync(host.Ops, "bank/remittances", Slip("1234.56"), "REM-1");
        var other = await PostAsync(host.Ops, "bank/remittances", Slip("1234.57"), "REM-1");

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        other.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var entries = (await Journal()).Where(e => e.GetProperty("pieceRef").GetString() == "rem-REM-1").ToList();
        entries.ShouldHaveSingleItem().GetProperty("journal").GetString().ShouldBe("BQ");
        var lines = entries.SelectMany(e => e.GetProperty("lines").EnumerateArray()).ToList();
        Net(lines, "512").ShouldBe(123456);
        Net(lines, "5112").ShouldBe(-123456);
    }

    [Fact]
    public async Task Remittance_FromATransfer_400NamingFromAndNothingWritten()
    {
        var response = await PostAsync(host.Ops, "bank/remittances",
            new { entryId = "REM-BAD", amount = "10.00", currency = "EUR", on = "2026-11-10", from = "Transfer", reason = "x", by = "y" }, "REM-BAD");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Json(response)).GetProperty("field").GetString().ShouldBe("from");
        (await Journal()).ShouldNotContain(e => e.GetProperty("pieceRef").GetString() == "rem-REM-BAD");
    }

    [Fact]
    public async Task Suspense_ClearedToATenant_TenantPaid471BackToZeroAnd512DebitedOnce()
    {
        var notice = await host.Ops.GetFromJsonAsync<JsonElement>("notices?noticeReference=2026-11/000012");
        var due = notice.GetProperty("amountDue").GetString()!;
        (await PostAsync(host.Ops, "bank/suspense", Parked("CLEAR-1", due), "CLEAR-1")).StatusCode.ShouldBe(HttpStatusCode.Created);

        // What the reconciliation service sends once the accountant identifies the payer: the clearing, then the payment.
        var cleared = await PostAsync(host.Ops, "bank/suspense/CLEAR-1/clear",
            new { to = "Tenant", amount = due, currency = "EUR", on = "2026-11-09", channel = "Transfer", tenants = new[] { "100012/01" }, reason = "payeur identifié", by = "compta" },
            "CLEAR-1");
        var paid = await host.Ops.PostPaymentAsync(LedgerHttp.Payment("rec-CLEAR-1", "100012/01", due, "2026-11/000012"), "rec-CLEAR-1");

        cleared.StatusCode.ShouldBe(HttpStatusCode.Created);
        paid.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await host.Ops.GetFromJsonAsync<JsonElement>("notices?noticeReference=2026-11/000012")).GetProperty("status").GetString().ShouldBe("Paid");
        var lines = (await Journal()).Where(e => e.GetProperty("pieceRef").GetString() is "att-CLEAR-1" or "sold-CLEAR-1" or "rec-CLEAR-1")
            .SelectMany(e => e.GetProperty("lines").EnumerateArray()).ToList();
        Net(lines, "471").ShouldBe(0);
        Net(lines, "512").ShouldBe(RecordPaymentTests.Cents(notice.GetProperty("amountDue")));
        Net(lines, "411").ShouldBe(-RecordPaymentTests.Cents(notice.GetProperty("amountDue")));
        (await host.Ops.GetFromJsonAsync<JsonElement>("bank/suspense")).GetProperty("items").EnumerateArray()
            .ShouldNotContain(i => i.GetProperty("entryId").GetString() == "CLEAR-1");
        var journal = await host.Ops.GetFromJsonAsync<JsonElement>("journal?from=2026-01-01&to=2026-12-31");
        journal.GetProperty("balanced").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task FeesAndNotRent_Booked_On627And580_AndTheFecStillPassesTheChecker()
    {
        var fees = await PostAsync(host.Ops, "bank/fees",
            new { entryId = "FEE-1", amount = "3.12", on = "2026-11-07", channel = "Card", reason = "commission Adyen", by = "recon" }, "FEE-1");
        var transfer = await PostAsync(host.Ops, "bank/other-receipts",
            new { entryId = "VIR-1", kind = "InternalTransfer", amount = "1500.00", on = "2026-11-07", reason = "virement du compte travaux", by = "compta" }, "VIR-1");
        var badKind = await PostAsync(host.Ops, "bank/other-receipts",
            new { entryId = "VIR-2", kind = "Loyer", amount = "10.00", on = "2026-11-07", reason = "x", by = "compta" }, "VIR-2");

        fees.StatusCode.ShouldBe(HttpStatusCode.Created);
        transfer.StatusCode.ShouldBe(HttpStatusCode.Created);
        badKind.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Json(badKind)).GetProperty("field").GetString().ShouldBe("kind");
        var entries = await Journal();
        var fee = entries.Single(e => e.GetProperty("pieceRef").GetString() == "frais-FEE-1");
        fee.GetProperty("journal").GetString().ShouldBe("CB");
        Net(fee.GetProperty("lines").EnumerateArray(), "627").ShouldBe(312);
        Net(fee.GetProperty("lines").EnumerateArray(), "467").ShouldBe(-312);
        Net(entries.Single(e => e.GetProperty("pieceRef").GetString() == "hl-VIR-1").GetProperty("lines").EnumerateArray(), "580").ShouldBe(-150000);

        var response = await host.Ops.GetAsync("exports/fec?fiscalYearEnd=2026-12-31");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Ledger.Tests.Accounting.FecChecker.Check(bytes, "900000001FEC20261231.txt", "900000001", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), expectOpening: false)
            .ShouldBeEmpty();
        var fec = Ledger.Tests.Accounting.FecChecker.Parse(bytes);
        fec.ShouldContain(l => l["CompteNum"] == "627" && l["PieceRef"] == "frais-FEE-1" && l["CompAuxNum"] == "");
        fec.ShouldContain(l => l["CompteNum"] == "580" && l["JournalCode"] == "BQ");
    }

    [Fact]
    public async Task BankRoutes_PaymentsKeyOrAnotherLandlordsKey_403Or404()
    {
        using var other = host.Client(BankOperationsFixture.OtherLandlordKey);

        (await PostAsync(host.Payments, "bank/suspense", Parked("AUTH-1"), "AUTH-1")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await host.Payments.GetAsync("bank/suspense")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PostAsync(other, "bank/suspense", Parked("AUTH-2"), "AUTH-2")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync("bank/suspense")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PostAsync(host.Anonymous, "bank/fees", Parked("AUTH-3"), "AUTH-3")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static long Net(IEnumerable<JsonElement> lines, string account) => lines.Where(l => l.GetProperty("account").GetString() == account)
        .Sum(l => RecordPaymentTests.Cents(l.GetProperty("debit")) - RecordPaymentTests.Cents(l.GetProperty("credit")));

    private async Task<List<JsonElement>> Journal() =>
        (await host.Ops.GetFromJsonAsync<JsonElement>("journal?from=2026-01-01&to=2026-12-31")).GetProperty("entries").EnumerateArray().ToList();

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
