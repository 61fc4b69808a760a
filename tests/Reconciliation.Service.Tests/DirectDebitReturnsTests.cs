using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using NodaTime;
using Primitives;
using Reconciliation.Service.Tests.Support;
using Reconciliation.Statements;
using Reconciliation.Statements.Pain002;
using Reconciliation.Statements.Writers;

namespace Reconciliation.Service.Tests;

[CollectionDefinition("recon-returns")]
public sealed class ReturnsCollection : ICollectionFixture<ReturnsStack>;

/// <summary>A small generated landlord (its tenants are the "every other notice"), the month not imported.</summary>
public sealed class ReturnsStack : ReconStack
{
    protected override int Tenants => 30;
    protected override bool ImportMonthAtStart => false;
}

/// <summary>
/// Issue 12's acceptance "Returns": eight tenants with mandates and a November notice, collected by the ledger's
/// collection route (pain.008); the bank's pain.002 rejects three debits before settlement, its camt.054 credits the five
/// others (booked as today, from the batch details), then a camt.054 returns two. Exactly those five notices are open
/// again, each tenant's account shows the reason in French, every other notice is unchanged, and importing the files
/// again changes nothing. Real ledger and reconciliation hosts on real PostgreSQL, files imported over HTTP.
/// </summary>
[Collection("recon-returns")]
public sealed class DirectDebitReturnsTests(ReturnsStack stack)
{
    private const string Account = "FR7630006000011234567890189";
    private static readonly LocalDate Collection = new(2026, 11, 5);
    private static readonly LocalDate RejectedOn = new(2026, 11, 4);
    private static readonly LocalDate ReturnedOn = new(2026, 11, 12);

    private sealed record Debtor(string Tenant, string Notice, string EndToEndId, long Cents, string Iban);

    [Fact]
    public async Task Returns_Pain002ThreeRejectsAndCamt054TwoReturns_ReopenExactlyThoseFiveNotices()
    {
        var debtors = await TenantsWithMandatesAsync();
        var pain008 = await CollectAsync();
        var collectionId = (string)XDocument.Parse(pain008).Descendants().First(e => e.Name.LocalName == "MsgId");
        foreach (var d in debtors) pain008.ShouldContain($"<EndToEndId>{d.EndToEndId}</EndToEndId>");
        var others = await SnapshotAsync(stack.Truth.Tenants.Select(t => t.Tenant));

        var rejected = debtors[..3];
        string[] rejectCodes = ["AM04", "AC04", "MD01"];
        var settled = debtors[3..];
        var returned = settled[..2];
        string[] returnCodes = ["AM04", "MD06"];
        var pain002 = Pain002(collectionId, rejected, rejectCodes);
        var credit = Statement(settled);
        var details = BatchDetails(settled);
        var returns = Returns(returned, returnCodes);

        // The accountant imports the pain.002 on the page (logged in), the statements through the scripted import.
        var first = await ImportOnPageAsync("rejets-pain002.xml", pain002);
        first.GetProperty("rejects").GetProperty("received").GetInt32().ShouldBe(3);
        first.GetProperty("rejects").GetProperty("posted").GetInt32().ShouldBe(3);
        var booked = await ImportAsync(("releve.xml", credit), ("lots-prelevements.camt054.xml", details));
        booked.GetProperty("auto").GetInt32().ShouldBe(1);
        booked.GetProperty("failed").GetInt32().ShouldBe(0);
        foreach (var d in settled) (await OpenNoticesAsync(d.Tenant)).ShouldBeEmpty($"{d.Tenant} paid by the collection");
        var back = await ImportAsync(("retours.camt054.xml", returns));
        back.GetProperty("new").GetInt32().ShouldBe(2);
        back.GetProperty("auto").GetInt32().ShouldBe(2);
        back.GetProperty("posted").GetInt32().ShouldBe(2);

        for (var i = 0; i < debtors.Length; i++)
        {
            var d = debtors[i];
            var open = await OpenNoticesAsync(d.Tenant);
            var code = i < 3 ? rejectCodes[i] : i < 5 ? returnCodes[i - 3] : null;
            if (code is null)
            {
                open.ShouldBeEmpty($"{d.Tenant}: collected and not returned");
                continue;
            }
            open.ShouldBe([(d.Notice, d.Cents)], $"{d.Tenant}: {code} reopens its notice in full");
            var shown = await TextsAsync(d);
            shown.ShouldContain(t => t.Contains(SepaReasonCodes.Find(code)!.French, StringComparison.Ordinal),
                $"{d.Tenant}: the French reason of {code} on the account; shown: {string.Join(" | ", shown.Where(s => s.Contains("rélèvement", StringComparison.Ordinal)))}");
        }
        (await SnapshotAsync(stack.Truth.Tenants.Select(t => t.Tenant))).ShouldBe(others, "every other tenant's notices and balance unchanged");

        // The same files again: nothing new, nothing sent, nothing changed.
        var mine = await SnapshotAsync(debtors.Select(d => d.Tenant));
        var again = await ImportAsync(("rejets-pain002.xml", pain002), ("releve.xml", credit), ("lots-prelevements.camt054.xml", details), ("retours.camt054.xml", returns));
        again.GetProperty("new").GetInt32().ShouldBe(0);
        again.GetProperty("posted").GetInt32().ShouldBe(0);
        again.GetProperty("rejects").GetProperty("received").GetInt32().ShouldBe(0);
        (await SnapshotAsync(debtors.Select(d => d.Tenant))).ShouldBe(mine);
        (await SnapshotAsync(stack.Truth.Tenants.Select(t => t.Tenant))).ShouldBe(others);
    }

    [Fact]
    public async Task Rejects_EndToEndIdTheLedgerNeverCollected_WaitInReviewWithAFrenchExplanation()
    {
        var report = new Pain002Report("PAIN002-UNKNOWN", RejectedOn, "SDD-ELSEWHERE", "pain.008.001.08", "PART", null,
            [new("PMT-1", "2026-11-999999", "RJCT", "AC01", false, Money.Eur(100_00), Collection, RejectedOn)]);
        var w = new StringWriter();
        Pain002Writer.Write(w, report);

        var summary = await ImportAsync(("inconnu-pain002.xml", w.ToString()));

        summary.GetProperty("rejects").GetProperty("review").GetInt32().ShouldBe(1);
        using var browser = await stack.LoginAsync("compta", ReconStack.AccountantPassword);
        var html = WebUtility.HtmlDecode(await browser.GetStringAsync("review"));
        html.ShouldContain("2026-11-999999");
        html.ShouldContain("le grand livre ne connaît aucun prélèvement demandé sous cette référence");
        html.ShouldContain("coordonnées bancaires erronées");
    }

    [Fact]
    public async Task Import_BadPain002_RefusedWholeNamingTheElement()
    {
        var w = new StringWriter();
        Pain002Writer.Write(w, new Pain002Report("PAIN002-BAD", RejectedOn, "SDD-1", "pain.008.001.08", "PART", null,
            [new("PMT-1", "2026-11-000001", "RJCT", "AM04", false, Money.Eur(1_00), Collection, RejectedOn)]));
        using var http = stack.ImportClient();
        using var form = Form(("bad.xml", w.ToString().Replace("<Cd>AM04</Cd>", "<Cd>am4</Cd>", StringComparison.Ordinal)));

        using var response = await http.PostAsync("api/imports", form);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadAsStringAsync();
        problem.ShouldContain("TxInfAndSts/StsRsnInf/Rsn/Cd");
        (await CountAsync("select count(*) from pain002_files where message_id = 'PAIN002-BAD'")).ShouldBe(0);
    }

    private async Task<Debtor[]> TenantsWithMandatesAsync()
    {
        var ics = RentGenerator.Ibans.CreditorId("FR", "ZZZ", "654321");
        using (var put = await stack.LedgerOps.PutAsync("", Json(new { name = "Gen Habitat", tenantReferencePattern = "^\\d{6}/\\d{2}$", ics, iban = Account, bic = "BNPAFRPPXXX" })))
            put.IsSuccessStatusCode.ShouldBeTrue(await put.Content.ReadAsStringAsync());
        var list = new List<Debtor>();
        for (var i = 1; i <= 8; i++)
        {
            var tenant = $"91000{i}/01";
            var cents = 400_00 + i * 12_34;
            var (_, notice) = await stack.OpenTenantAsync(tenant, Money.FormatCents(cents));
            var iban = RentGenerator.Ibans.French("30004", "00823", $"0001234567{i}");
            using var mandate = await stack.LedgerOps.PostAsync("mandates", Json(new
            {
                rum = $"RUM-TEST-91000{i}", tenantReference = tenant, debtorName = $"LOCATAIRE TEST {i}", iban,
                address = new { street = "rue des Lilas", buildingNumber = $"{i}", postCode = "75011", townName = "Paris", country = "FR" },
                signedOn = "2026-10-01", sequence = "Recurrent",
            }));
            mandate.StatusCode.ShouldBeOneOf([HttpStatusCode.Created, HttpStatusCode.OK], await mandate.Content.ReadAsStringAsync());
            list.Add(new Debtor(tenant, notice, notice.Replace('/', '-'), cents, iban));
        }
        return [.. list];
    }

    private async Task<string> CollectAsync()
    {
        using var response = await stack.LedgerOps.PostAsync("direct-debits/collections", Json(new { collectionDate = "2026-11-05" }));
        var xml = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, xml);
        return xml;
    }

    private static string Pain002(string collectionId, Debtor[] rejected, string[] codes)
    {
        var w = new StringWriter();
        Pain002Writer.Write(w, new Pain002Report("PAIN002-20261104-1", RejectedOn, collectionId, "pain.008.001.08", "PART", null,
            [.. rejected.Select((d, i) => new Pain002Transaction("PMT-RCUR", d.EndToEndId, "RJCT", codes[i], false, Money.Eur(d.Cents), Collection, RejectedOn))]));
        return w.ToString();
    }

    /// <summary>The bank statement: one credit, the collection's total for what was settled, named by its batch reference.</summary>
    private static string Statement(Debtor[] settled)
    {
        var total = settled.Sum(d => d.Cents);
        var entry = new StatementEntry("", Collection, Collection, Money.Eur(total), "SDDLOT1105", "PMNT/IDDT/ESDD", null, null, null, null,
            ["REMISE PRLV SEPA LOT SDDLOT1105"], null, false, null, []);
        var w = new StringWriter();
        Camt053Writer.Write(w, [new Statement(Account, "EUR", Money.Eur(0), Money.Eur(total), Collection, Collection, [entry])]);
        return w.ToString();
    }

    /// <summary>The camt.054 of the collection: the batch credit with one TxDtls per settled debit (end-to-end id of the ledger).</summary>
    private static string BatchDetails(Debtor[] settled)
    {
        var txs = string.Concat(settled.Select(d =>
            $"<TxDtls><Refs><EndToEndId>{d.EndToEndId}</EndToEndId><MndtId>RUM-TEST-{d.Tenant[..6]}</MndtId></Refs><Amt Ccy=\"EUR\">{Money.FormatCents(d.Cents)}</Amt><CdtDbtInd>CRDT</CdtDbtInd>" +
            $"<RltdPties><Dbtr><Nm>LOCATAIRE TEST</Nm></Dbtr><DbtrAcct><Id><IBAN>{d.Iban}</IBAN></Id></DbtrAcct></RltdPties><RmtInf><Ustrd>LOYER 11/2026 AVIS {d.Notice}</Ustrd></RmtInf></TxDtls>"));
        var entry = $"<Ntry><Amt Ccy=\"EUR\">{Money.FormatCents(settled.Sum(d => d.Cents))}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-11-05</Dt></BookgDt>" +
                    $"<ValDt><Dt>2026-11-05</Dt></ValDt><AcctSvcrRef>SDDLOT1105</AcctSvcrRef><BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>IDDT</Cd><SubFmlyCd>ESDD</SubFmlyCd></Fmly></Domn></BkTxCd>" +
                    $"<NtryDtls><Btch><NbOfTxs>{settled.Length}</NbOfTxs></Btch>{txs}</NtryDtls></Ntry>";
        return Camt054("NTF-SDDLOT1105", entry);
    }

    /// <summary>The camt.054 of the returns: one debit per returned direct debit, RtrInf/Rsn/Cd and the original end-to-end id.</summary>
    private static string Returns(Debtor[] returned, string[] codes) => Camt054("NTF-RETOURS-1112", string.Concat(returned.Select((d, i) =>
        $"<Ntry><Amt Ccy=\"EUR\">{Money.FormatCents(d.Cents)}</Amt><CdtDbtInd>DBIT</CdtDbtInd><RvslInd>true</RvslInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-11-12</Dt></BookgDt>" +
        $"<ValDt><Dt>2026-11-12</Dt></ValDt><AcctSvcrRef>RET1112-{i + 1}</AcctSvcrRef><BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>IDDT</Cd><SubFmlyCd>UPDD</SubFmlyCd></Fmly></Domn></BkTxCd>" +
        $"<NtryDtls><TxDtls><Refs><EndToEndId>{d.EndToEndId}</EndToEndId></Refs><Amt Ccy=\"EUR\">{Money.FormatCents(d.Cents)}</Amt><CdtDbtInd>DBIT</CdtDbtInd>" +
        $"<RtrInf><Rsn><Cd>{codes[i]}</Cd></Rsn></RtrInf></TxDtls></NtryDtls><AddtlNtryInf>PRLV SEPA IMPAYE</AddtlNtryInf></Ntry>")));

    private static string Camt054(string id, string entries) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.08\"><BkToCstmrDbtCdtNtfctn>" +
        $"<GrpHdr><MsgId>{id}</MsgId><CreDtTm>2026-11-12T08:00:00</CreDtTm></GrpHdr><Ntfctn><Id>{id}</Id><CreDtTm>2026-11-12T08:00:00</CreDtTm>" +
        $"<Acct><Id><IBAN>{Account}</IBAN></Id><Ccy>EUR</Ccy></Acct>{entries}</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>";

    private static MultipartFormDataContent Form(params (string Name, string Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, content) in files) form.Add(new StringContent(content, Encoding.UTF8), "files", name);
        return form;
    }

    private async Task<JsonElement> ImportAsync(params (string Name, string Content)[] files)
    {
        using var http = stack.ImportClient();
        using var form = Form(files);
        using var response = await http.PostAsync("api/imports", form);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return await SettledAsync(JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64());
    }

    /// <summary>The page's upload (cookie, antiforgery): matched and posted in the background, read back when done.</summary>
    private async Task<JsonElement> ImportOnPageAsync(string name, string content)
    {
        using var browser = await stack.LoginAsync("compta", ReconStack.AccountantPassword);
        var token = await ReconStack.TokenAsync(browser, "imports");
        using var form = Form((name, content));
        form.Add(new StringContent(token), "__RequestVerificationToken");
        using var response = await browser.PostAsync("imports", form);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return await SettledAsync(long.Parse(response.Headers.Location!.ToString().Split('/')[^1], CultureInfo.InvariantCulture));
    }

    /// <summary>Polls the import until it is done and nothing of it waits for the ledger (the page's import runs in the background).</summary>
    private async Task<JsonElement> SettledAsync(long id)
    {
        using var http = stack.ImportClient();
        for (var i = 0; i < 120; i++)
        {
            var s = JsonDocument.Parse(await http.GetStringAsync($"api/imports/{id}")).RootElement.Clone();
            if (s.GetProperty("status").GetString() != "Running" && s.GetProperty("pending").GetInt32() == 0
                && s.GetProperty("rejects").GetProperty("pending").GetInt32() == 0) return s;
            await Task.Delay(500);
        }
        throw new TimeoutException($"import {id} not settled within a minute");
    }

    private async Task<List<(string Notice, long Cents)>> OpenNoticesAsync(string tenant)
    {
        var account = await stack.LedgerGetAsync($"accounts?tenantReference={Uri.EscapeDataString(tenant)}");
        return [.. account.GetProperty("openNotices").EnumerateArray()
            .Select(n => (n.GetProperty("noticeReference").GetString()!, Money.TryParseCents(n.GetProperty("amountDue").GetString(), out var c) ? c : -1))];
    }

    /// <summary>Every text the ledger shows about the tenant: the account, its relevé, the notice's direct-debit line.</summary>
    private async Task<List<string>> TextsAsync(Debtor d)
    {
        var texts = new List<string>();
        foreach (var path in new[] { $"accounts?tenantReference={Uri.EscapeDataString(d.Tenant)}", $"accounts/statement?tenantReference={Uri.EscapeDataString(d.Tenant)}",
                     $"direct-debits/mention?noticeReference={Uri.EscapeDataString(d.Notice)}" })
        {
            using var response = await stack.LedgerOps.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode && body.Length > 0) Strings(JsonDocument.Parse(body).RootElement, texts);
        }
        return texts;
    }

    private static void Strings(JsonElement e, List<string> into)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String: into.Add(e.GetString()!); break;
            case JsonValueKind.Array: foreach (var x in e.EnumerateArray()) Strings(x, into); break;
            case JsonValueKind.Object: foreach (var p in e.EnumerateObject()) Strings(p.Value, into); break;
        }
    }

    /// <summary>Each tenant's balance, credit and open notices with what is due: what a return must not touch.</summary>
    private async Task<List<string>> SnapshotAsync(IEnumerable<string> tenants)
    {
        var list = new List<string>();
        foreach (var t in tenants.Order(StringComparer.Ordinal))
        {
            var a = await stack.LedgerGetAsync($"accounts?tenantReference={Uri.EscapeDataString(t)}");
            list.Add($"{t} {a.GetProperty("balance").GetString()} {a.GetProperty("credit").GetString()} " +
                     string.Join(",", a.GetProperty("openNotices").EnumerateArray().Select(n => $"{n.GetProperty("noticeReference").GetString()}={n.GetProperty("amountDue").GetString()}")));
        }
        return list;
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var cmd = stack.Recon.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().CreateCommand(sql);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static StringContent Json(object o) => new(JsonSerializer.Serialize(o), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
}
