using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Tests.Api;
using UglyToad.PdfPig;

namespace Ledger.Tests.Receipts;

public sealed class ReceiptsFixture : LedgerHostFixture
{
    public const string OtherLandlordKey = "test-receipts-other-landlord-0123456789";

    // A key that reads notices of another landlord only: the demo landlord's documents must answer it 404.
    protected override IEnumerable<string> ExtraArgs =>
    [
        "--Ledger:ApiKeys:2:Name=other", $"--Ledger:ApiKeys:2:Key={OtherLandlordKey}", "--Ledger:ApiKeys:2:Scopes=notices:read",
        "--Ledger:ApiKeys:2:Landlords=other-habitat",
    ];
}

/// <summary>
/// Issue 12 §2 over HTTP on real PostgreSQL (demo landlord: tenant 100001/01's November is 450,00 loyer − 33,00 RLS +
/// 95,30 charges = 512,30 €; tenant n pays 12,50 € more loyer and 1,00 € more charges than tenant n−1).
/// </summary>
[Trait("Category", "Integration")]
public sealed class ReceiptsApiTests(ReceiptsFixture host) : IClassFixture<ReceiptsFixture>
{
    private static string Notice(int tenant) => $"2026-11/{tenant:000000}";

    private async Task PayAsync(string id, int tenant, string amount, string channel = "Transfer", string on = "2026-11-05")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "payments")
        {
            Content = JsonContent.Create(new
            {
                paymentId = id, tenantReference = $"{100000 + tenant}/01", channel, amount, currency = "EUR", receivedOn = on,
                noticeReference = Notice(tenant), externalReferences = new Dictionary<string, string> { ["endToEndId"] = id.Split(':')[^1] },
            }),
        };
        request.Headers.Add("Idempotency-Key", id);
        var response = await host.Ops.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> ReturnDirectDebitAsync(string paymentId, string amount, string code)
    {
        var reversalId = paymentId + ":" + code;
        var request = new HttpRequestMessage(HttpMethod.Post, $"payments/{paymentId}/reversals")
        {
            Content = JsonContent.Create(new { reversalId, kind = "DirectDebitReturned", amount, currency = "EUR", on = "2026-11-20", reasonCode = code }),
        };
        request.Headers.Add("Idempotency-Key", reversalId);
        return await host.Ops.SendAsync(request);
    }

    private async Task<JsonElement> DocumentsAsync(int tenant) =>
        await host.Ops.GetFromJsonAsync<JsonElement>($"receipts?noticeReference={Uri.EscapeDataString(Notice(tenant))}");

    private static string Summary(JsonElement documents) => string.Join(" ", documents.GetProperty("documents").EnumerateArray()
        .Select(d => $"{d.GetProperty("number").GetString()}:{d.GetProperty("status").GetString()}"));

    private async Task<string> PdfTextAsync(int tenant, string number)
    {
        var response = await host.Ops.GetAsync($"receipts/pdf?noticeReference={Uri.EscapeDataString(Notice(tenant))}&number={number}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        // Words joined by spaces; the no-break space between an amount and "€" read as a space.
        return string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text)).Replace('\u00a0', ' ');
    }

    private static async Task<string> FieldAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString()!;

    [Fact]
    public async Task AfterPayments_QuittanceOnlyForFullyPaid_RecuForPartlyPaid_NothingForUnpaid()
    {
        // Tenant 3: loyer 475,00 − RLS 33,00 = 442,00, charges 97,30: 539,30 due; 537,30 paid first, 2,00 two days later.
        await PayAsync("transfer:Q-FULL-3", 3, "537.30");
        var full = await DocumentsAsync(3);
        await PayAsync("transfer:Q-PART-4", 4, "200.00");
        var partial = await DocumentsAsync(4);
        var unpaid = await DocumentsAsync(6);

        Summary(full).ShouldBe("R-2026-11-000003-1:Valid");
        await PayAsync("transfer:Q-FULL-3b", 3, "2.00", on: "2026-11-07");
        full = await DocumentsAsync(3);
        Summary(full).ShouldBe("R-2026-11-000003-1:Superseded Q-2026-11-000003-2:Valid");
        var quittance = full.GetProperty("documents")[1];
        (quittance.GetProperty("kind").GetString(), quittance.GetProperty("loyer").GetString(), quittance.GetProperty("charges").GetString(),
            quittance.GetProperty("paid").GetString(), quittance.GetProperty("issuedOn").GetString())
            .ShouldBe(("Quittance", "442.00", "97.30", "539.30", "2026-11-07"));
        full.GetProperty("current").GetString().ShouldBe("Q-2026-11-000003-2");
        Summary(partial).ShouldBe("R-2026-11-000004-1:Valid");
        partial.GetProperty("documents")[0].GetProperty("remaining").GetString().ShouldBe("352.80"); // 487,50 − 33,00 + 98,30 = 552,80
        Summary(unpaid).ShouldBe("");
        unpaid.GetProperty("current").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task DirectDebitReturnedWithRCode_VoidsTheQuittance_HistoryKept()
    {
        await PayAsync("directdebit:2026-11-000001", 1, "512.30", channel: "DirectDebit");
        Summary(await DocumentsAsync(1)).ShouldBe("Q-2026-11-000001-1:Valid");

        (await ReturnDirectDebitAsync("directdebit:2026-11-000001", "512.30", "AM04")).StatusCode.ShouldBe(HttpStatusCode.Created);

        var after = await DocumentsAsync(1);
        Summary(after).ShouldBe("Q-2026-11-000001-1:Voided A-2026-11-000001-2:Issued");
        var annulation = after.GetProperty("documents")[1];
        annulation.GetProperty("voids").GetString().ShouldBe("Q-2026-11-000001-1");
        annulation.GetProperty("issuedOn").GetString().ShouldBe("2026-11-20");
        annulation.GetProperty("reason").GetString().ShouldBe("Paiement directdebit:2026-11-000001 : prélèvement retourné par la banque (motif AM04)");
        after.GetProperty("documents")[0].GetProperty("replacedBy").GetString().ShouldBe("A-2026-11-000001-2");
        after.GetProperty("current").ValueKind.ShouldBe(JsonValueKind.Null);
        // The voided quittance is still there as it was issued, and the annulation says why.
        var text = await PdfTextAsync(1, "A-2026-11-000001-2");
        text.ShouldContain("Le document Q-2026-11-000001-1 (quittance de loyer du 5 novembre 2026, 512,30 €) est annulé");
        text.ShouldContain("motif AM04");
        (await PdfTextAsync(1, "Q-2026-11-000001-1")).ShouldContain("QUITTANCE DE LOYER");
    }

    [Fact]
    public async Task QuittancePdf_SplitsLoyerAndChargesInFrench_FreeOfCharge()
    {
        await PayAsync("directdebit:2026-11-000002", 2, "525.80", channel: "DirectDebit");
        var number = (await DocumentsAsync(2)).GetProperty("current").GetString()!;

        var text = await PdfTextAsync(2, number);

        // Tenant 2: loyer 462,50, RLS −33,00 (loyer 429,50), charges 96,30: 525,80.
        text.ShouldContain("QUITTANCE DE LOYER");
        text.ShouldContain("N° Q-2026-11-000002-1");
        text.ShouldContain("Période : novembre 2026");
        text.ShouldContain("Léa Bernard");
        text.ShouldContain("Loyer 429,50 €");
        text.ShouldContain("Charges (provisions) 96,30 €");
        text.ShouldContain("Total payé 525,80 €");
        text.ShouldContain("Réduction de loyer de solidarité (loyer) -33,00 €");
        text.ShouldContain("5 novembre 2026, par prélèvement");
        text.ShouldContain("Document délivré gratuitement");
    }

    [Fact]
    public async Task Documents_AskedAgain_SameAnswerAndSameBytes_AndMonthBatchByteIdentical()
    {
        await PayAsync("transfer:Q-BATCH-7", 7, "635.30");   // tenant 7: 525,00 + SLS 42,00 − RLS 33,00 + 101,30
        await PayAsync("transfer:Q-BATCH-8", 8, "100.00");

        var first = await host.Ops.GetStringAsync($"receipts?noticeReference={Uri.EscapeDataString(Notice(8))}");
        var second = await host.Ops.GetStringAsync($"receipts?noticeReference={Uri.EscapeDataString(Notice(8))}");
        second.ShouldBe(first);
        var pdfA = await host.Ops.GetByteArrayAsync($"receipts/pdf?noticeReference={Uri.EscapeDataString(Notice(8))}&number=R-2026-11-000008-1");
        var pdfB = await host.Ops.GetByteArrayAsync($"receipts/pdf?noticeReference={Uri.EscapeDataString(Notice(8))}&number=R-2026-11-000008-1");
        pdfB.ShouldBe(pdfA);

        var zipA = await host.Ops.GetAsync("receipts/quittances?period=2026-11");
        zipA.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        var bytesA = await zipA.Content.ReadAsByteArrayAsync();
        var bytesB = await host.Ops.GetByteArrayAsync("receipts/quittances?period=2026-11");
        bytesB.ShouldBe(bytesA);
        using var zip = new ZipArchive(new MemoryStream(bytesA));
        var names = zip.Entries.Select(e => e.FullName).ToList();
        // Only valid quittances of November: tenant 8's reçu is not one.
        names.ShouldNotContain(n => n.StartsWith("R-", StringComparison.Ordinal) || n.StartsWith("A-", StringComparison.Ordinal));
        names.ShouldNotContain(n => n.Contains("000008", StringComparison.Ordinal));
        var current7 = (await DocumentsAsync(7)).GetProperty("current").GetString()!;
        names.ShouldContain(current7 + ".pdf");
        names.ShouldBe(names.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task BadInput_400NamingTheField()
    {
        var badNotice = await host.Ops.GetAsync("receipts?noticeReference=%3Cscript%3E");
        var missingNotice = await host.Ops.GetAsync("receipts");
        var badNumber = await host.Ops.GetAsync($"receipts/pdf?noticeReference={Uri.EscapeDataString(Notice(1))}&number=Q-..%2F..%2Fetc");
        var badPeriod = await host.Ops.GetAsync("receipts/quittances?period=2026-13");

        badNotice.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await FieldAsync(badNotice)).ShouldBe("noticeReference");
        missingNotice.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await FieldAsync(missingNotice)).ShouldBe("noticeReference");
        badNumber.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await FieldAsync(badNumber)).ShouldBe("number");
        badPeriod.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await FieldAsync(badPeriod)).ShouldBe("period");
    }

    [Fact]
    public async Task UnknownNoticeOrDocument_404NamingTheField()
    {
        var unknownNotice = await host.Ops.GetAsync("receipts?noticeReference=2099-01%2F999999");
        var unknownNumber = await host.Ops.GetAsync($"receipts/pdf?noticeReference={Uri.EscapeDataString(Notice(9))}&number=Q-2026-11-000009-9");

        unknownNotice.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await FieldAsync(unknownNotice)).ShouldBe("noticeReference");
        unknownNumber.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await FieldAsync(unknownNumber)).ShouldBe("number");
    }

    [Fact]
    public async Task AnotherLandlordsKey_404LikeALandlordThatDoesNotExist()
    {
        await PayAsync("transfer:Q-OTHER-10", 10, "50.00");
        using var other = host.Client(ReceiptsFixture.OtherLandlordKey);

        var list = await other.GetAsync($"receipts?noticeReference={Uri.EscapeDataString(Notice(10))}");
        var pdf = await other.GetAsync($"receipts/pdf?noticeReference={Uri.EscapeDataString(Notice(10))}&number=R-2026-11-000010-1");
        var batch = await other.GetAsync("receipts/quittances?period=2026-11");

        list.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        pdf.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        batch.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await list.Content.ReadAsStringAsync()).ShouldNotContain("Jade");
        (await FieldAsync(list)).ShouldBe("landlordId");
    }
}
