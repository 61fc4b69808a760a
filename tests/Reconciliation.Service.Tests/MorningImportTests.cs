using System.Net;
using System.Text.Json;
using Primitives;
using Reconciliation.Service.Tests.Support;
using RentGenerator;

namespace Reconciliation.Service.Tests;

/// <summary>
/// Issue 7's end-to-end acceptance over HTTP only, on real PostgreSQL: a 2,000-tenant landlord from its rent-roll CSV, a
/// generated month (CFONB 120, camt.053, camt.054 collections, Adyen settlement report, cheque slips, Eficash) imported once
/// by <c>recon import --json</c> in the fixture; the write-off tenant is the only one a test changes on purpose.
/// </summary>
[Collection("recon")]
public sealed class MorningImportTests(ReconStack stack)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private sealed record Unit(string EntryId, string Channel, string Decision, string? Reference, IReadOnlyList<TruthAllocation> Truth, string? ReturnReason, JsonElement Ours);

    [Fact]
    public async Task ImportJson_GeneratedMonth_HasTheSixNumericFieldsAndNothingPending()
    {
        var j = stack.FirstImport;
        foreach (var field in new[] { "entries", "new", "auto", "suggested", "unmatched", "posted" })
            j.GetProperty(field).ValueKind.ShouldBe(JsonValueKind.Number, field);
        j.GetProperty("entries").GetInt32().ShouldBeGreaterThan(j.GetProperty("new").GetInt32()); // camt.053 repeats the CFONB 120 entries
        (j.GetProperty("auto").GetInt32() + j.GetProperty("suggested").GetInt32() + j.GetProperty("unmatched").GetInt32()).ShouldBe(j.GetProperty("new").GetInt32());
        j.GetProperty("posted").GetInt32().ShouldBeGreaterThan(j.GetProperty("auto").GetInt32() / 2);
        j.GetProperty("pending").GetInt32().ShouldBe(0);
        j.GetProperty("failed").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task AutomaticPart_GeneratedMonth_EveryTenantBalanceEqualsTheTruth()
    {
        var units = await UnitsAsync();
        var paid = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(stack.MonthDir, RentGenerator.Output.Webhooks)).Where(l => l.Length > 0))
        {
            var w = JsonDocument.Parse(line).RootElement;
            Money.TryParseCents(w.GetProperty("amount").GetString(), out var cents).ShouldBeTrue();
            Add(paid, w.GetProperty("tenantReference").GetString()!, cents);
        }
        var counted = 0;
        foreach (var u in units)
        {
            if (u.Channel == "Card" && u.Reference is not null && stack.WebhookPaymentIds.Contains("card:" + u.Reference) && u.Truth.All(a => a.Cents > 0)) continue;
            if (u.Decision != "auto") continue;
            counted++;
            foreach (var a in u.Truth) Add(paid, a.Tenant, a.Cents);
        }
        counted.ShouldBeGreaterThan(1000);
        var wrong = new List<string>();
        var writtenOff = (await stack.WriteOffTargetAsync()).Tenant;
        foreach (var t in stack.Truth.Tenants.Where(t => t.Tenant != writtenOff))
        {
            var account = await stack.LedgerGetAsync($"accounts?tenantReference={Uri.EscapeDataString(t.Tenant)}");
            Money.TryParseCents(account.GetProperty("balance").GetString(), out var balance).ShouldBeTrue();
            var expected = t.Due - paid.GetValueOrDefault(t.Tenant);
            if (balance != expected) wrong.Add($"{t.Tenant}: ledger {balance}, truth {expected}");
        }
        wrong.ShouldBeEmpty($"{wrong.Count} balances differ: {string.Join("; ", wrong.Take(10))}");
    }

    [Fact]
    public async Task Postings_GeneratedMonth_EachAutomaticPaymentRecordedOnceInTheLedger()
    {
        var entries = await EntriesAsync();
        var paymentIds = entries.SelectMany(e => e.GetProperty("postings").EnumerateArray())
            .Where(p => p.GetProperty("kind").GetString() == "payment").Select(p => p.GetProperty("paymentId").GetString()!).ToList();
        paymentIds.Count.ShouldBe(paymentIds.Distinct().Count());
        foreach (var e in entries.Where(e => e.GetProperty("decision").GetString() == "auto"))
        {
            var postings = e.GetProperty("postings").EnumerateArray().ToList();
            postings.ShouldNotBeEmpty(e.GetProperty("entryId").GetString());
            postings.ShouldAllBe(p => p.GetProperty("status").GetString() == "Done" || p.GetProperty("status").GetString() == "Present");
        }
        foreach (var id in paymentIds.Where(p => !stack.WebhookPaymentIds.Contains(p)).Take(300))
        {
            var payment = await stack.LedgerGetAsync($"payments/{Uri.EscapeDataString(id)}");
            payment.ValueKind.ShouldBe(JsonValueKind.Object, id);
        }
    }

    [Fact]
    public async Task Reimport_SameFiles_CreatesAndPostsNothing()
    {
        using var http = stack.ImportClient();
        var before = await StatusAsync(http);
        var (code, stdout, stderr) = ReconStack.RunRecon(["import", .. stack.ImportFiles.Select(f => Path.Combine(stack.MonthDir, f)),
            "--service", stack.ReconUrl.ToString(), "--api-key", stack.ImportKey, "--json"]);
        code.ShouldBe(0, stderr);
        var j = JsonDocument.Parse(stdout).RootElement;
        j.GetProperty("new").GetInt32().ShouldBe(0);
        j.GetProperty("posted").GetInt32().ShouldBe(0);
        var after = await StatusAsync(http);
        after.GetProperty("posted").GetInt64().ShouldBe(before.GetProperty("posted").GetInt64());
    }

    [Fact]
    public async Task Payout_CardPaymentWithoutWebhook_RecordedFromTheReportExactlyOnce()
    {
        var units = await UnitsAsync();
        var lost = units.Where(u => u.Channel == "Card" && u.Reference is not null && u.Truth.All(a => a.Cents > 0)
                                    && !stack.WebhookPaymentIds.Contains("card:" + u.Reference) && u.Decision == "auto").ToList();
        lost.ShouldNotBeEmpty("the generator loses about 2 % of the webhooks; at least one must be matched automatically");
        foreach (var u in lost)
        {
            var postings = u.Ours.GetProperty("postings").EnumerateArray().Where(p => p.GetProperty("paymentId").GetString() == "card:" + u.Reference).ToList();
            postings.Count.ShouldBe(1);
            postings[0].GetProperty("status").GetString().ShouldBe("Done");
            var payment = await stack.LedgerGetAsync($"payments/{Uri.EscapeDataString("card:" + u.Reference)}");
            Money.TryParseCents(payment.GetProperty("amount").GetString(), out var cents).ShouldBeTrue();
            cents.ShouldBe(u.Truth.Sum(a => a.Cents));
        }
        var present = units.Count(u => u.Channel == "Card" && u.Reference is not null && stack.WebhookPaymentIds.Contains("card:" + u.Reference) && u.Decision == "auto");
        present.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Return_DirectDebitWithRCode_NoticeUnpaidAndCodeOnTheStatement()
    {
        var units = await UnitsAsync();
        var returns = units.Where(u => u.Decision == "auto" && u.ReturnReason is { Length: > 0 } && u.Truth.Any(a => a.Cents < 0 && a.Notice is not null)
                                       && u.Channel is "DirectDebit" or "TipSepa").ToList();
        returns.ShouldNotBeEmpty("no automatic direct-debit return in the generated month");
        Unit? reopened = null;
        foreach (var r in returns)
        {
            var a = r.Truth.First(x => x.Cents < 0 && x.Notice is not null);
            var statement = await stack.LedgerGetAsync($"accounts/statement?tenantReference={Uri.EscapeDataString(a.Tenant)}");
            statement.GetProperty("lines").EnumerateArray().ShouldContain(l => l.GetProperty("label").GetString()!.Contains(r.ReturnReason!, StringComparison.Ordinal), a.Tenant);
            // Some tenants pay again by transfer after the return (the generator's regularisation): their notice is paid again.
            var notice = await stack.LedgerGetAsync($"notices?noticeReference={Uri.EscapeDataString(a.Notice!)}");
            Money.TryParseCents(notice.GetProperty("amountDue").GetString(), out var due).ShouldBeTrue();
            if (due >= -a.Cents) reopened ??= r;
        }
        reopened.ShouldNotBeNull("no returned direct debit left its notice unpaid");
        var ret = reopened;
        var allocation = ret.Truth.First(a => a.Cents < 0 && a.Notice is not null);
        // The accountant's relevé says it in French, with the code.
        using var browser = await stack.LoginAsync("compta", ReconStack.AccountantPassword);
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"tenants?ref={Uri.EscapeDataString(allocation.Tenant)}"));
        // The ledger's statement now words it itself: "Prélèvement retourné le … : <French reason> (AC04)".
        page.ShouldContain("Prélèvement retourné le");
        page.ShouldContain($"({ret.ReturnReason})");
        page.ShouldNotContain("Règlement Transfer");
    }

    [Fact]
    public async Task UndoAllocation_TwoNoticeTransfer_OtherAllocationStays()
    {
        var entries = await EntriesAsync();
        var (entryId, paymentId) = entries.Where(e => e.GetProperty("decision").GetString() == "auto")
            .SelectMany(e => e.GetProperty("postings").EnumerateArray().Where(p => p.GetProperty("kind").GetString() == "payment" && p.GetProperty("status").GetString() == "Done")
                .Select(p => (e.GetProperty("entryId").GetString()!, p.GetProperty("paymentId").GetString()!)))
            .FirstOrDefault(x => TwoNotices(x.Item2));
        entryId.ShouldNotBeNull("no automatic payment on two notices in the generated month");
        var before = await stack.LedgerGetAsync($"payments/{Uri.EscapeDataString(paymentId)}");
        var allocations = before.GetProperty("allocations").EnumerateArray().ToList();
        var undone = allocations[0];
        var kept = allocations[1];
        using var browser = await stack.LoginAsync("compta", ReconStack.AccountantPassword);
        var token = await ReconStack.TokenAsync(browser, $"review/entry?id={Uri.EscapeDataString(entryId)}");
        using var response = await browser.PostAsync("review/undo-allocation", ReconStack.Form(token, ("id", entryId), ("paymentId", paymentId),
            ("notice", undone.GetProperty("noticeReference").GetString()!), ("amount", undone.GetProperty("amount").GetString()!), ("currency", "EUR"),
            ("reason", "avis payé par la CAF")));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.ShouldContain("Affectation annulée");
        html.ShouldContain("avis payé par la CAF");
        html.ShouldContain("compta");
        var after = await stack.LedgerGetAsync($"payments/{Uri.EscapeDataString(paymentId)}");
        var left = after.GetProperty("allocations").EnumerateArray().ToList();
        left.ShouldContain(a => a.GetProperty("noticeReference").GetString() == kept.GetProperty("noticeReference").GetString()
                                && a.GetProperty("amount").GetString() == kept.GetProperty("amount").GetString());
        left.ShouldNotContain(a => a.GetProperty("noticeReference").GetString() == undone.GetProperty("noticeReference").GetString());
        after.GetProperty("unallocated").GetString().ShouldBe(undone.GetProperty("amount").GetString());

        bool TwoNotices(string id)
        {
            var p = stack.LedgerGetAsync($"payments/{Uri.EscapeDataString(id)}").GetAwaiter().GetResult();
            return p.ValueKind == JsonValueKind.Object && p.GetProperty("allocations").GetArrayLength() == 2;
        }
    }

    private static void Add(Dictionary<string, long> d, string k, long v) => d[k] = d.GetValueOrDefault(k) + v;

    private static Task<JsonElement> StatusAsync(HttpClient http) => ReconStack.StatusAsync(http);

    private Task<List<JsonElement>> EntriesAsync() => stack.ImportEntriesAsync(stack.FirstImport.GetProperty("id").GetInt64());

    /// <summary>Our units (each payment of each entry) beside the truth's, joined by bank reference as the benchmark's score does.</summary>
    private async Task<List<Unit>> UnitsAsync()
    {
        var truth = stack.Truth.Entries.Where(e => e.Month == Generator.MonthFolder(ReconStack.Month)).ToDictionary(e => e.BankReference, StringComparer.Ordinal);
        var list = new List<Unit>();
        foreach (var e in await EntriesAsync())
        {
            var t = truth[e.GetProperty("bankReference").GetString()!];
            var ours = e.GetProperty("result").GetProperty("units").EnumerateArray().ToList();
            for (var i = 0; i < ours.Count; i++)
            {
                IReadOnlyList<TruthAllocation> alloc = t.Transactions.Count == ours.Count ? t.Transactions[i].Allocations
                    : t.Transactions.Count == 0 && ours.Count == 1 ? t.Allocations
                    : t.Transactions.Count == 1 && ours.Count == 1 ? t.Transactions[0].Allocations : [];
                var u = ours[i];
                list.Add(new Unit(e.GetProperty("entryId").GetString()!, u.GetProperty("channel").GetString()!, u.GetProperty("decision").GetString()!,
                    u.TryGetProperty("reference", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null, alloc,
                    u.TryGetProperty("returnReason", out var rr) && rr.ValueKind == JsonValueKind.String ? rr.GetString() : null, e));
            }
        }
        return list;
    }
}
