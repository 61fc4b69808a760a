using Tests.Shared;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Ledger.Tests.Documents;
using RentGenerator;

namespace Ledger.Tests.DirectDebit;

/// <summary>
/// POST /landlords/{id}/mandates/tip: a signed TIP SEPA slip becomes a one-off mandate "TIP-" + the notice's EndToEndId
/// form, which the next collection uses (OOFF) and the notice prints; the slip's two references must agree.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TipMandateApiTests(MandateApiFixture host) : IClassFixture<MandateApiFixture>
{
    private static readonly string DebtorIban = Ibans.French("30002", "00550", "00001234567");

    private static object Slip(string tenant, string notice, string iban) => new
    {
        tenantReference = tenant, noticeReference = notice, debtorName = "M. et Mme Leroy Louis", iban,
        address = new { street = "Avenue Jean Jaures", buildingNumber = "8 bis", postCode = "75019", townName = "Paris", country = "FR" },
        signedOn = "2026-11-02",
    };

    [Fact]
    public async Task SignTip_SignedSlip_OneOffMandateCollectedAsOoffAndPrintedOnTheNotice()
    {
        var created = await host.Ops.PostAsJsonAsync("mandates/tip", Slip("100011/01", "2026-11/000011", DebtorIban));
        var again = await host.Ops.PostAsJsonAsync("mandates/tip", Slip("100011/01", "2026-11/000011", DebtorIban));
        var otherAccount = await host.Ops.PostAsJsonAsync("mandates/tip", Slip("100011/01", "2026-11/000011", Ibans.French("30002", "00550", "00007654321")));

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        created.Headers.Location!.ToString().ShouldEndWith("/mandates/TIP-2026-11-000011");
        var mandate = await created.Content.ReadFromJsonAsync<JsonElement>();
        mandate.GetProperty("rum").GetString().ShouldBe("TIP-2026-11-000011");
        mandate.GetProperty("sequence").GetString().ShouldBe("OneOff");
        mandate.GetProperty("tenantReference").GetString().ShouldBe("100011/01");
        mandate.GetProperty("signedOn").GetString().ShouldBe("2026-11-02");
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        otherAccount.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var xml = XDocument.Parse(await (await host.Payments.PostAsJsonAsync("direct-debits/collections", new { collectionDate = "2026-11-07" })).Content.ReadAsStringAsync());
        var debit = xml.Descendants().Single(e => e.Name.LocalName == "DrctDbtTxInf" && e.Descendants().Any(d => d.Name.LocalName == "EndToEndId" && d.Value == "2026-11-000011"));
        debit.Descendants().Single(e => e.Name.LocalName == "MndtId").Value.ShouldBe("TIP-2026-11-000011");
        debit.Parent!.Descendants().Single(e => e.Name.LocalName == "SeqTp").Value.ShouldBe("OOFF");
        // The tenant's October notice is open too (demo tenant 11 did not pay it): a TIP pays its own notice only.
        xml.Descendants().Where(e => e.Name.LocalName == "EndToEndId").Select(e => e.Value).ShouldNotContain("2026-10-000011");
        (await host.Ops.GetAsync("direct-debits/mention?noticeReference=2026-10/000011")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var pdf = PdfText.Of(await host.Ops.GetByteArrayAsync("notices/pdf?noticeReference=2026-11/000011"));
        pdf.ShouldContain("RUM) : TIP-2026-11-000011");
        pdf.ShouldContain("le 7 novembre 2026");
        pdf.ShouldContain("mandat TIP-2026-11-000011");
    }

    public static TheoryData<string, object, HttpStatusCode, string> BadSlips => new()
    {
        { "the notice is another tenant's", Slip("100012/01", "2026-11/000011", DebtorIban), HttpStatusCode.NotFound, "noticeReference" },
        { "no such notice", Slip("100012/01", "2026-11/999999", DebtorIban), HttpStatusCode.NotFound, "noticeReference" },
        { "bad IBAN", Slip("100012/01", "2026-11/000012", DebtorIban[..^1] + (DebtorIban[^1] == '0' ? "1" : "0")), HttpStatusCode.BadRequest, "iban" },
        { "no notice reference", new { tenantReference = "100012/01", debtorName = "X", iban = DebtorIban, signedOn = "2026-11-02" }, HttpStatusCode.BadRequest, "noticeReference" },
        { "no address", new { tenantReference = "100012/01", noticeReference = "2026-11/000012", debtorName = "X", iban = DebtorIban, signedOn = "2026-11-02" }, HttpStatusCode.BadRequest, "address" },
    };

    [Theory]
    [MemberData(nameof(BadSlips))]
    public async Task SignTip_BadSlip_ProblemNamingTheFieldAndNoMandate(string why, object slip, HttpStatusCode status, string field)
    {
        var response = await host.Ops.PostAsJsonAsync("mandates/tip", slip);

        response.StatusCode.ShouldBe(status, why);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString().ShouldBe(field, why);
        (await host.Ops.GetAsync("mandates/TIP-2026-11-000012")).StatusCode.ShouldBe(HttpStatusCode.NotFound, why);
    }

    [Fact]
    public async Task SignTip_WithThePaymentsKey_403()
    {
        (await host.Payments.PostAsJsonAsync("mandates/tip", Slip("100013/01", "2026-11/000013", DebtorIban))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
