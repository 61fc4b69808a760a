using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Ledger.Domain.DirectDebit;
using Ledger.Tests.Documents;

namespace Ledger.Tests.DirectDebit;

/// <summary>
/// Acceptance "collection file" (issue 12): the generated landlord's 1,000 mandates (signed over HTTP by the fixture,
/// recurrent and one-off), October's arrears collected first so that November has subsequent (RCUR) debits beside first
/// (FRST) and one-off (OOFF) ones; November's pain.008.001.08 validates against the ISO XSD, passes the EPC-rule checker,
/// and holds exactly the open notices of the mandated tenants not yet requested; the same date again gives the same bytes
/// and records no new debit request.
/// </summary>
[Trait("Category", "Integration")]
[Collection(GeneratedLandlordCollection.Name)]
public sealed class CollectionFileAcceptanceTests(GeneratedLandlordFixture host)
{
    private static readonly XNamespace Pain = "urn:iso:std:iso:20022:tech:xsd:pain.008.001.08";

    private async Task<byte[]> CollectAsync(string date)
    {
        var response = await host.Payments.PostAsJsonAsync("direct-debits/collections", new { collectionDate = date });
        var bytes = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, System.Text.Encoding.UTF8.GetString(bytes));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/xml");
        return bytes;
    }

    private static void ShouldBeAValidFile(byte[] bytes)
    {
        Pain008Schema.Validate(bytes, SepaFiles.Schema("08")).ShouldBeEmpty();
        Pain008Checker.Check(XDocument.Load(new MemoryStream(bytes))).ShouldBeEmpty();
    }

    private static List<(string EndToEndId, string Sequence, long Cents)> Transactions(XDocument xml) =>
        xml.Descendants(Pain + "PmtInf").SelectMany(p => p.Elements(Pain + "DrctDbtTxInf").Select(t => (
            t.Element(Pain + "PmtId")!.Element(Pain + "EndToEndId")!.Value,
            p.Element(Pain + "PmtTpInf")!.Element(Pain + "SeqTp")!.Value,
            Cents(t.Element(Pain + "InstdAmt")!.Value)))).ToList();

    private static long Cents(string amount) => Primitives.Money.TryParseCents(amount, out var c) ? c : throw new FormatException(amount);

    private async Task<long> DebitRequestsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(host.AdminConnectionString);
        await connection.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM ledger.mt_doc_debitrequestview", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Collection_1000Mandates_ValidFileOfExactlyTheOpenNoticesOfMandatedTenantsAndTheSameDateTwiceChangesNothing()
    {
        host.MandateAnswers.Count.ShouldBe(GeneratedLandlordFixture.MandateCount);
        host.MandateAnswers.ShouldAllBe(s => s == HttpStatusCode.Created);
        host.Mandates.Values.ShouldContain("OneOff");

        // October first: the arrears of mandated tenants, each the first debit of its (recurrent) mandate.
        var october = await CollectAsync("2026-10-05");
        ShouldBeAValidFile(october);
        var first = Transactions(XDocument.Load(new MemoryStream(october)));
        first.Count.ShouldBe(host.Mandates.Keys.Count(host.InArrears.Contains));
        first.ShouldAllBe(t => t.Sequence == "FRST");

        // What November must hold, from the ledger: every open notice due by the date of a mandated tenant, not in October's file.
        var requested = first.Select(t => t.EndToEndId).ToHashSet(StringComparer.Ordinal);
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var tenant in host.Mandates.Keys)
        {
            var account = await host.Ops.GetFromJsonAsync<JsonElement>("accounts?tenantReference=" + tenant);
            foreach (var open in account.GetProperty("openNotices").EnumerateArray()
                         .Where(o => string.CompareOrdinal(o.GetProperty("dueDate").GetString(), "2026-11-05") <= 0))
            {
                var endToEnd = EndToEndId.For(open.GetProperty("noticeReference").GetString()!);
                if (!requested.Contains(endToEnd)) expected[endToEnd] = Cents(open.GetProperty("amountDue").GetString()!);
            }
        }

        var november = await CollectAsync("2026-11-05");
        var requestsAfter = await DebitRequestsAsync();
        var again = await CollectAsync("2026-11-05");

        ShouldBeAValidFile(november);
        var xml = XDocument.Load(new MemoryStream(november));
        var header = xml.Descendants(Pain + "GrpHdr").Single();
        var debits = Transactions(xml);
        int.Parse(header.Element(Pain + "NbOfTxs")!.Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(expected.Count);
        Cents(header.Element(Pain + "CtrlSum")!.Value).ShouldBe(expected.Values.Aggregate(0L, (s, c) => checked(s + c)));
        debits.ToDictionary(d => d.EndToEndId, d => d.Cents).ShouldBe(expected, ignoreOrder: true);
        // One PmtInf per sequence type and date; the October debtors' second debit is subsequent, one-off mandates OOFF.
        xml.Descendants(Pain + "PmtInf").Select(p => p.Element(Pain + "PmtTpInf")!.Element(Pain + "SeqTp")!.Value).Order()
            .ShouldBe(["FRST", "OOFF", "RCUR"]);
        debits.Count(d => d.Sequence == "RCUR").ShouldBe(first.Count);
        debits.Count(d => d.Sequence == "OOFF").ShouldBe(host.Mandates.Values.Count(s => s == "OneOff"));
        again.ShouldBe(november);
        (await DebitRequestsAsync()).ShouldBe(requestsAfter);
        requestsAfter.ShouldBe(first.Count + expected.Count);
    }
}
