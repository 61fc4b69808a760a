using Tests.Shared;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Ledger.Domain.DirectDebit;
using Ledger.Tests.Api;
using RentGenerator;

namespace Ledger.Tests.DirectDebit;

/// <summary>The demo landlord declared as a SEPA creditor (ICS, IBAN), so that its tenants' mandates can be collected.</summary>
public sealed class MandateApiFixture : LedgerHostFixture, IAsyncLifetime
{
    public const string Ics = "FR72ZZZ123456", Iban = "FR7630006000011234567890189";

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var put = await Ops.PutAsJsonAsync($"/landlords/{Landlord}", new { name = "Demo Habitat", tenantReferencePattern = @"^\d{6}/\d{2}$", siren = "900000001", ics = Ics, iban = Iban });
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
    }
}

/// <summary>
/// The pinned HTTP contracts of issue 12 §4 for mandates and collections, and the rejects route as its code defines it:
/// 201 new, 200 same content, 409 same RUM other content, 400 naming the field; nothing written by a refused request.
/// </summary>
[Trait("Category", "Integration")]
public sealed class MandateApiTests(MandateApiFixture host) : IClassFixture<MandateApiFixture>
{
    private static readonly string DebtorIban = Ibans.French("30004", "01234", "00098765432");

    private static Dictionary<string, object?> Mandate(string rum, string tenant, string sequence = "Recurrent") => new()
    {
        ["rum"] = rum, ["tenantReference"] = tenant, ["debtorName"] = "Camille Martin", ["iban"] = DebtorIban, ["bic"] = "BNPAFRPP",
        ["address"] = Address(), ["signedOn"] = "2026-10-01", ["sequence"] = sequence,
    };

    private static Dictionary<string, object?> Address(string? drop = null)
    {
        var a = new Dictionary<string, object?> { ["street"] = "Rue Victor Hugo", ["buildingNumber"] = "12", ["postCode"] = "69003", ["townName"] = "Lyon", ["country"] = "FR" };
        if (drop is not null) a.Remove(drop);
        return a;
    }

    private static async Task<string?> FieldAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString();

    private static async Task ProblemShouldNameAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        response.StatusCode.ShouldBe(status, await response.Content.ReadAsStringAsync());
        (await FieldAsync(response)).ShouldBe(field);
    }

    [Fact]
    public async Task SignMandate_NewThenSameThenOtherContent_201Then200Then409()
    {
        var body = Mandate("RUM-API-0001", "100005/01");

        var created = await host.Ops.PostAsJsonAsync("mandates", body);
        var same = await host.Ops.PostAsJsonAsync("mandates", body);
        var other = await host.Ops.PostAsJsonAsync("mandates", new Dictionary<string, object?>(body) { ["debtorName"] = "Someone Else" });

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var json = await created.Content.ReadFromJsonAsync<JsonElement>();
        json.GetProperty("rum").GetString().ShouldBe("RUM-API-0001");
        json.GetProperty("status").GetString().ShouldBe("Active");
        json.GetProperty("iban").GetString().ShouldNotBe(DebtorIban); // masked: personal data
        json.GetProperty("iban").GetString()!.ShouldEndWith(DebtorIban[^3..]);
        same.StatusCode.ShouldBe(HttpStatusCode.OK);
        await ProblemShouldNameAsync(other, HttpStatusCode.Conflict, "rum");
    }

    public static TheoryData<string, string, object?, string> BadMandates => new()
    {
        { "bad IBAN check digits", "iban", DebtorIban[..^1] + (DebtorIban[^1] == '0' ? "1" : "0"), "iban" },
        { "RUM outside the SEPA character set", "rum", "RUM_É*1", "rum" },
        { "RUM over 35 characters", "rum", new string('R', 36), "rum" },
        { "no address", "address", null, "address" },
        { "address without its town", "address", Address(drop: "townName"), "address.townName" },
        { "address without its post code", "address", Address(drop: "postCode"), "address.postCode" },
        { "unstructured address (lines only)", "address", new Dictionary<string, object?> { ["addressLines"] = new[] { "12 rue Victor Hugo", "69003 Lyon" }, ["country"] = "FR" }, "address.street" },
        { "bad sequence", "sequence", "Monthly", "sequence" },
        { "bad signature date", "signedOn", "01/10/2026", "signedOn" },
    };

    [Theory]
    [MemberData(nameof(BadMandates))]
    public async Task SignMandate_BadField_400NamingItAndNothingRecorded(string why, string property, object? value, string field)
    {
        var rum = "RUM-BAD-" + Math.Abs(why.GetHashCode(StringComparison.Ordinal)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = Mandate(rum, "100006/01");
        body[property] = value;

        var response = await host.Ops.PostAsJsonAsync("mandates", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, why);
        (await FieldAsync(response)).ShouldBe(field, why);
        if (property != "rum") (await host.Ops.GetAsync("mandates/" + rum)).StatusCode.ShouldBe(HttpStatusCode.NotFound, why);
    }

    [Fact]
    public async Task SignMandate_WithThePaymentsKey_403()
    {
        var response = await host.Payments.PostAsJsonAsync("mandates", Mandate("RUM-API-0403", "100007/01"));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("05/11/2026")]
    [InlineData(null)]
    public async Task Collection_BadDate_400NamingCollectionDate(string? date)
    {
        var response = await host.Payments.PostAsJsonAsync("direct-debits/collections", new { collectionDate = date });

        await ProblemShouldNameAsync(response, HttpStatusCode.BadRequest, "collectionDate");
    }

    [Fact]
    public async Task RejectDebit_RequestedDebit_200ThenSameAgain200ThenOtherCode409AndUnknown404AndBadCode400()
    {
        (await host.Ops.PostAsJsonAsync("mandates", Mandate("RUM-API-REJ1", "100009/01"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var xml = XDocument.Parse(await (await host.Payments.PostAsJsonAsync("direct-debits/collections", new { collectionDate = "2026-11-05" })).Content.ReadAsStringAsync());
        var endToEnd = EndToEndId.For("2026-11/000009");
        xml.Descendants().Where(e => e.Name.LocalName == "EndToEndId").Select(e => e.Value).ShouldContain(endToEnd);
        object Reject(string id, string code) => new { endToEndId = id, reasonCode = code, rejectedOn = "2026-11-06", messageId = "PAIN002-TEST-1" };

        var first = await host.Payments.PostAsJsonAsync("direct-debits/rejects", Reject(endToEnd, "AM04"));
        var again = await host.Payments.PostAsJsonAsync("direct-debits/rejects", Reject(endToEnd, "AM04"));
        var other = await host.Payments.PostAsJsonAsync("direct-debits/rejects", Reject(endToEnd, "MD01"));
        var unknown = await host.Payments.PostAsJsonAsync("direct-debits/rejects", Reject("E2E-NO-SUCH-DEBIT", "AM04"));
        var badCode = await host.Payments.PostAsJsonAsync("direct-debits/rejects", Reject(endToEnd, "am-4"));
        var badDate = await host.Payments.PostAsJsonAsync("direct-debits/rejects", new { endToEndId = endToEnd, reasonCode = "AM04", rejectedOn = "tomorrow" });

        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        var answer = await first.Content.ReadFromJsonAsync<JsonElement>();
        answer.GetProperty("noticeReference").GetString().ShouldBe("2026-11/000009");
        answer.GetProperty("reason").GetString().ShouldBe("provision insuffisante");
        answer.GetProperty("representable").GetBoolean().ShouldBeTrue();
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        await ProblemShouldNameAsync(other, HttpStatusCode.Conflict, "reasonCode");
        await ProblemShouldNameAsync(unknown, HttpStatusCode.NotFound, "endToEndId");
        await ProblemShouldNameAsync(badCode, HttpStatusCode.BadRequest, "reasonCode");
        await ProblemShouldNameAsync(badDate, HttpStatusCode.BadRequest, "rejectedOn");
        // The notice says why, in French, where the tenant reads it.
        var mention = await host.Ops.GetFromJsonAsync<JsonElement>("direct-debits/mention?noticeReference=2026-11/000009");
        mention.GetProperty("text").GetString().ShouldBe("Prélèvement rejeté le 6 novembre 2026 : provision insuffisante (AM04)");
        mention.GetProperty("reasonCode").GetString().ShouldBe("AM04");
        var pdf = PdfText.Of(await host.Ops.GetByteArrayAsync("notices/pdf?noticeReference=2026-11/000009"));
        pdf.ShouldContain("Prélèvement rejeté le 6 novembre 2026 : provision insuffisante (AM04)");
        pdf.ShouldContain("Réglez cet avis par un autre moyen");
        pdf.ShouldNotContain("vous serez prélevé");
    }
}
