using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Primitives;
using Reconciliation.Api.Imports;
using Reconciliation.Api.Posting;
using Reconciliation.Service.Tests.Support;

namespace Reconciliation.Service.Tests;

/// <summary>
/// Issue 7 §2's decisions that are not tenant payments, over HTTP on real PostgreSQL: suspense (471) and its clearing,
/// not rent (fees 627, CAF 4411), the PSP's fees of card payouts. Each test adds its own bank entry (and tenant) so the
/// month's balances stay as they are; the accountant acts through the pages, the ledger is read through its API.
/// </summary>
[Collection("recon")]
public sealed class BankOperationsServiceTests(ReconStack stack)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Suspense_ParkedThenClearedToATenant_TenantPaid471BackToZeroAnd512DebitedOnce()
    {
        var (tenant, notice) = await stack.OpenTenantAsync("999301/01", "250.00");
        var entry = await stack.AddEntryAsync("test:bank:park-clear", 250_00);
        using var browser = await stack.LoginAsync("compta", ReconStack.AccountantPassword);

        var parked = await PostAsync(browser, entry, "review/suspense", ("reason", "payeur inconnu"));

        parked.Status.ShouldBe(HttpStatusCode.OK);
        parked.Message.ShouldBe("Mise en attente sur le compte 471.");
        parked.Html.ShouldContain("comptabilisé dans le grand livre");
        var key = BankPlan.Key(entry, 1);
        var open = await stack.LedgerGetAsync("bank/suspense");
        open.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("entryId").GetString() == key).GetProperty("amount").GetString().ShouldBe("250.00");
        Net(await LinesAsync("att-" + key), "471").ShouldBe(-250_00);

        var cleared = await PostAsync(browser, entry, "review/assign", ("tenant", tenant), ("notice", notice), ("amount", "250.00"));

        cleared.Message.ShouldBe("Répartition comptabilisée.");
        (await stack.LedgerGetAsync($"notices?noticeReference={Uri.EscapeDataString(notice)}")).GetProperty("status").GetString().ShouldBe("Paid");
        var paymentId = (await PostingsAsync(entry)).Single(p => p.Kind == "payment").PaymentId;
        var lines = await LinesAsync("att-" + key, "sold-" + key, paymentId);
        Net(lines, "471").ShouldBe(0);
        Net(lines, "512").ShouldBe(250_00);
        Net(lines, "411").ShouldBe(-250_00);
        (await stack.LedgerGetAsync("bank/suspense")).GetProperty("items").EnumerateArray().ShouldNotContain(i => i.GetProperty("entryId").GetString() == key);
        (await PostingsAsync(entry)).ShouldAllBe(p => p.Status == "Done");
    }

    [Fact]
    public async Task NotRent_BankFeeAndCafPayment_Booked627And4411InTheLedger()
    {
        var fee = await stack.AddEntryAsync("test:bank:fee", -12_50);
        var caf = await stack.AddEntryAsync("test:bank:caf", 900_00);
        using var browser = await stack.LoginAsync("compta", ReconStack.AccountantPassword);

        var feeMarked = await PostAsync(browser, fee, "review/not-rent", ("kind", "BankFees"), ("reason", ""));
        var cafMarked = await PostAsync(browser, caf, "review/not-rent", ("kind", "Caf"), ("reason", "APL novembre"));

        feeMarked.Message.ShouldBe("Marquée hors loyer (frais bancaires) et transmise au grand livre.");
        cafMarked.Status.ShouldBe(HttpStatusCode.OK);
        var feeLines = await LinesAsync("frais-" + BankPlan.Key(fee, 1));
        Net(feeLines, "627").ShouldBe(12_50);
        Net(feeLines, "512").ShouldBe(-12_50);
        var cafLines = await LinesAsync("hl-" + BankPlan.Key(caf, 1));
        Net(cafLines, "4411").ShouldBe(-900_00);
        Net(cafLines, "512").ShouldBe(900_00);
    }

    // Regression: the page said "Mise en attente sur le compte 471." while nothing reached the ledger. The message now comes
    // only after the ledger command is in the queue, in the same transaction as the entry's state.
    [Fact]
    public async Task SuspenseMessage_OnlyOnceTheLedgerCommandIsQueued()
    {
        var entry = await stack.AddEntryAsync("test:bank:message", 75_00);
        using var browser = await stack.LoginAsync("compta", ReconStack.AccountantPassword);

        var noReason = await PostAsync(browser, entry, "review/suspense", ("reason", " "));
        (await PostingsAsync(entry)).ShouldBeEmpty();
        var parked = await PostAsync(browser, entry, "review/suspense", ("reason", "à identifier"));
        var queued = await PostingsAsync(entry);
        var again = await PostAsync(browser, entry, "review/suspense", ("reason", "encore"));

        noReason.Status.ShouldBe(HttpStatusCode.BadRequest);
        noReason.Message.ShouldBe("indiquez le motif");
        parked.Message.ShouldBe("Mise en attente sur le compte 471.");
        queued.ShouldHaveSingleItem().Kind.ShouldBe("suspense");
        again.Status.ShouldBe(HttpStatusCode.BadRequest);
        (again.Message ?? "").ShouldNotContain("Mise en attente");
        (await PostingsAsync(entry)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task CardPayouts_GeneratedMonth_PspFeesBookedOn627AgainstCardClearingOncePerPayout()
    {
        var expected = ExpectedFeesPerBatch();
        var journal = await stack.LedgerGetAsync("journal?from=2026-11-01&to=2026-12-31");
        var fees = journal.GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("pieceRef").GetString()!.StartsWith("frais-", StringComparison.Ordinal) && e.GetProperty("journal").GetString() == "CB").ToList();

        fees.Count.ShouldBe(expected.Count);
        fees.Select(e => e.GetProperty("pieceRef").GetString()).Distinct().Count().ShouldBe(fees.Count);
        var lines = fees.SelectMany(e => e.GetProperty("lines").EnumerateArray()).ToList();
        Net(lines, "627").ShouldBe(expected.Values.Sum());
        Net(lines, "467").ShouldBe(-expected.Values.Sum());
        fees.Select(e => Net(e.GetProperty("lines").EnumerateArray(), "627")).Order().ShouldBe(expected.Values.Order());
    }

    /// <summary>
    /// Card payments and cheques are booked on clearing accounts (467, 5112); the bank's credit of each payout and each slip
    /// moves its amount to 512, once. Regression: the credits were never booked, so both accounts only grew.
    /// </summary>
    [Fact]
    public async Task Remittances_GeneratedMonth_EachPayoutAndSlipCreditedOnceAgainstItsClearingAccount()
    {
        var journal = await stack.LedgerGetAsync("journal?from=2026-11-01&to=2026-12-31");
        var entries = journal.GetProperty("entries").EnumerateArray().ToList();
        var remittances = entries.Where(e => e.GetProperty("pieceRef").GetString()!.StartsWith("rem-", StringComparison.Ordinal)).ToList();

        remittances.Select(e => e.GetProperty("pieceRef").GetString()).Distinct().Count().ShouldBe(remittances.Count);
        var card = remittances.Where(e => Net(e.GetProperty("lines").EnumerateArray(), "467") != 0).ToList();
        var cheques = remittances.Where(e => Net(e.GetProperty("lines").EnumerateArray(), "5112") != 0).ToList();
        card.Count.ShouldBe(ExpectedFeesPerBatch().Count);
        cheques.ShouldNotBeEmpty();
        var rem = remittances.SelectMany(e => e.GetProperty("lines").EnumerateArray()).ToList();
        Net(rem, "512").ShouldBe(-(Net(rem, "467") + Net(rem, "5112")));
        // Each slip credited for its total, the sum of its cheques in the slip file (its cheques still in review included:
        // 5112 then holds them until the accountant records them).
        cheques.Select(e => -Net(e.GetProperty("lines").EnumerateArray(), "5112")).Order().ShouldBe(ExpectedSlipTotals().Order());
    }

    private List<long> ExpectedSlipTotals()
    {
        var rows = File.ReadAllLines(Path.Combine(stack.MonthDir, RentGenerator.Output.ChequeSlips)).Where(l => l.Length > 0).Select(Split).ToList();
        int Col(string name) => Array.IndexOf(rows[0], name);
        return rows.Skip(1).GroupBy(r => r[Col("deposit_number")])
            .Select(g => g.Sum(r => Money.TryParseCents(r[Col("amount")], out var c) ? c : throw new FormatException("amount"))).ToList();
    }

    /// <summary>From the settlement report itself: commissions, markup, scheme fees and interchange of each row, plus the Fee rows.</summary>
    private Dictionary<string, long> ExpectedFeesPerBatch()
    {
        var rows = File.ReadAllLines(Path.Combine(stack.MonthDir, RentGenerator.Output.Adyen)).Where(l => l.Length > 0).Select(Split).ToList();
        var header = rows[0];
        int Col(string name) => Array.IndexOf(header, name);
        long Cents(string[] r, string name) => r[Col(name)].Length == 0 ? 0 : Money.TryParseCents(r[Col(name)], out var c) ? c : throw new FormatException(name);
        return rows.Skip(1).Where(r => r[Col("Type")] != "MerchantPayout").GroupBy(r => r[Col("Batch Number")])
            .ToDictionary(g => g.Key, g => g.Sum(r => r[Col("Type")] == "Fee" ? Cents(r, "Net Debit (NC)")
                : Cents(r, "Commission (NC)") + Cents(r, "Markup (NC)") + Cents(r, "Scheme Fees (NC)") + Cents(r, "Interchange (NC)")));
    }

    private static string[] Split(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        foreach (var ch in line)
        {
            if (ch == '"') quoted = !quoted;
            else if (ch == ',' && !quoted) { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(ch);
        }
        cells.Add(cell.ToString());
        return [.. cells];
    }

    private sealed record Page(HttpStatusCode Status, string? Message, string Html);

    private async Task<Page> PostAsync(HttpClient browser, string entry, string action, params (string, string)[] fields)
    {
        var token = await ReconStack.TokenAsync(browser, "review/entry?id=" + Uri.EscapeDataString(entry));
        using var response = await browser.PostAsync(action, ReconStack.Form(token, [("id", entry), .. fields]));
        var html = await response.Content.ReadAsStringAsync();
        var message = System.Text.RegularExpressions.Regex.Match(html, "role=\"status\">([^<]*)<");
        return new Page(response.StatusCode, message.Success ? WebUtility.HtmlDecode(message.Groups[1].Value) : null, html);
    }

    private sealed record Posting(string Kind, string PaymentId, string Status);

    private async Task<List<Posting>> PostingsAsync(string entryId)
    {
        await using var cmd = Db.CreateCommand("select kind, payment_id, status from postings where entry_id = $1 order by seq");
        cmd.Parameters.Add(new NpgsqlParameter { Value = entryId });
        var list = new List<Posting>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) list.Add(new Posting(r.GetString(0), r.GetString(1), r.GetString(2)));
        return list;
    }

    private NpgsqlDataSource Db => stack.Recon.Services.GetRequiredService<NpgsqlDataSource>();

    private async Task<List<JsonElement>> LinesAsync(params string[] pieces)
    {
        // The month, and today: a clearing is dated the day it is decided.
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var entries = new List<JsonElement>();
        foreach (var range in new[] { "from=2026-11-01&to=2026-12-31", $"from={today}&to={today}" })
        {
            var journal = await stack.LedgerGetAsync("journal?" + range);
            entries.AddRange(journal.GetProperty("entries").EnumerateArray().Where(e => pieces.Contains(e.GetProperty("pieceRef").GetString())));
        }
        entries = entries.DistinctBy(e => e.GetRawText()).ToList();
        entries.ShouldNotBeEmpty(string.Join(", ", pieces));
        return entries.SelectMany(e => e.GetProperty("lines").EnumerateArray()).ToList();
    }

    private static long Net(IEnumerable<JsonElement> lines, string account) => lines.Where(l => l.GetProperty("account").GetString() == account)
        .Sum(l => Cents(l.GetProperty("debit")) - Cents(l.GetProperty("credit")));

    private static long Cents(JsonElement amount) =>
        Money.TryParseCents(amount.GetString(), out var c) ? c : throw new FormatException(amount.GetString());
}
