using System.Globalization;
using System.Text;
using Ledger.Domain.Accounts;
using NodaTime;
using Primitives;
using Reconciliation.Api.Imports;
using Reconciliation.Api.Posting;
using Reconciliation.Matching;
using Reconciliation.Statements;

namespace Simulation.Tests;

/// <summary>A direct debit as the bank really collected it (and, later, perhaps returned it).</summary>
public sealed record DebitTruth(string EndToEnd, string Tenant, string Notice, long Cents, LocalDate On)
{
    public bool Returned { get; set; }
}

/// <summary>
/// The bank and the reconciliation service: the bank's lines (direct debits, their returns, the PSP's payouts), the PSP's
/// settlement reports (written as CSV and read by the real parser), and imports of overlapping windows of the bank's
/// lines matched by the real <see cref="MatchingEngine"/> against the ledger's open notices, stored through the real
/// <see cref="StoredResult"/> and planned by the real <see cref="PostingPlan"/>. Two service rules that read the database
/// or the ledger are modelled after their code: entries already stored are not matched again (ImportService's
/// de-duplication by entry id), a card payment the webhook path booked is taken from the ledger
/// (ImportService.WithCardsInLedgerAsync) and not sent again (PostingQueue.PaymentAsync, "Present"). The posting queue's
/// allocation moves after recording are not modelled: the ledger's own policy places the money.
/// </summary>
public sealed class ReconModel(SimLedger ledger, SimCounts counts)
{
    private const string Account = "FR7630006000011234567890189";
    private readonly List<StatementEntry> _bank = [];
    private readonly HashSet<string> _stored = new(StringComparer.Ordinal);
    private readonly List<StatementEntryDetail> _details = [];
    private readonly List<KnownPayment> _known = [];
    private SimQueue<PostingCommand>? _queue;
    private int _importedUpTo;
    private int _batches;

    /// <summary>Entry ids an accountant must still look at (not posted automatically), with their amount.</summary>
    public Dictionary<string, long> InReview { get; } = new(StringComparer.Ordinal);
    public List<string> Failed => Postings.Failed;

    // PostingQueue.PaymentAsync: the webhook path booked it between its check and its send: "Present".
    private SimQueue<PostingCommand> Postings => _queue ??= new SimQueue<PostingCommand>(ledger, counts, Execute, BookedByWebhook);
    /// <summary>What the matcher decided for each stored entry (for a failure's message).</summary>
    public Dictionary<string, string> Decisions { get; } = new(StringComparer.Ordinal);
    /// <summary>Fault injection for the test that shows the invariants can fail: card money posted under a new id.</summary>
    public bool PostCardsUnderAnotherId { get; init; }

    public bool Idle => _importedUpTo == _bank.Count && Postings.Idle;
    public IReadOnlyList<StatementEntry> Bank => _bank;

    public void Collected(DebitTruth d, string rf) =>
        Line(d.On, d.Cents, "PRLV", d.EndToEnd, rf, ["PRLV SEPA LOYER " + d.Notice], false, null);

    public void ReturnedBack(DebitTruth d, LocalDate on) =>
        Line(on, -d.Cents, "RPRLV", d.EndToEnd, null, ["RETOUR PRLV " + d.EndToEnd], true, "AM04");

    private void Line(LocalDate on, long cents, string code, string? e2e, string? rf, IReadOnlyList<string> texts, bool reversal, string? reason)
    {
        var reference = "BR" + (_bank.Count + 1).ToString("D7", CultureInfo.InvariantCulture);
        var amount = Money.Eur(cents);
        _bank.Add(new StatementEntry(new EntryIds().Next(Account, reference, on, on, amount, texts), on, on, amount, reference, code,
            null, null, e2e, rf, texts, null, reversal, reason, []));
    }

    /// <summary>A settlement report (CSV, read by the real parser) and the payout it announces, which reaches the bank.</summary>
    public void Settle(IReadOnlyList<CardTruth> cards, LocalDate on, Func<CardTruth, string> merchantReference)
    {
        var batch = (++_batches).ToString(CultureInfo.InvariantCulture);
        var date = on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 02:00:00";
        var csv = new StringBuilder("Psp Reference,Merchant Reference,Creation Date,Type,Modification Reference,Net Currency,Net Debit (NC),Net Credit (NC),Batch Number\n");
        foreach (var c in cards) csv.Append(CultureInfo.InvariantCulture, $"{c.Psp},{merchantReference(c)},{date},Settled,,EUR,,{Money.FormatCents(c.Cents)},{batch}\n");
        var total = cards.Sum(c => c.Cents);
        csv.Append(CultureInfo.InvariantCulture, $",,{date},MerchantPayout,payout {batch},EUR,{Money.FormatCents(total)},,{batch}\n");
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));
        var report = StatementParser.Parse(stream, StatementFormat.AdyenSettlement);
        foreach (var entry in report.Statements.SelectMany(s => s.Entries)) _details.Add(new StatementEntryDetail("PSP payout", entry));
        Line(on.PlusDays(1), total, "VIR", null, null, [$"VIR ADYEN PAYOUT BATCH {batch}"], false, null);
    }

    /// <summary>Imports a window of the bank's lines that starts at or before the end of the last one (overlap, no gap).</summary>
    public void Import(Random rng, bool toTheEnd)
    {
        var from = rng.Next(Math.Max(0, _importedUpTo - 10), _importedUpTo + 1);
        var to = toTheEnd ? _bank.Count : rng.Next(_importedUpTo, _bank.Count + 1);
        if (to <= from) return;
        counts.Imports++;
        var fresh = new List<StatementEntry>();
        foreach (var e in _bank.Skip(from).Take(to - from))
        {
            if (_stored.Contains(e.Id)) counts.OverlappingEntries++;
            else fresh.Add(e);
        }
        _importedUpTo = Math.Max(_importedUpTo, to);
        var engine = new MatchingEngine(Book());
        var detailByRef = _details.GroupBy(d => d.Entry.BankReference ?? d.Entry.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Entry, StringComparer.Ordinal);
        foreach (var entry in fresh)
        {
            counts.EntriesMatched++;
            var stored = WithCardsInLedger(StoredResult.From(entry, engine.MatchEntry(entry), detailByRef));
            var date = entry.BookingDate!.Value.ToDateOnly();
            foreach (var unit in stored.Units.Where(u => u.Decision == "auto"))
            {
                foreach (var planned in PostingPlan.ForUnit(entry.Id, unit, unit.Allocations, "EUR", date, entry.BankReference, 0, a => Original(a, unit)))
                {
                    var p = PostCardsUnderAnotherId ? Renamed(planned) : planned;
                    if (p.Kind == "payment") _known.Add(new KnownPayment(p.PaymentId, p.TenantReference, ((PaymentBody)p.Body).Allocations.FirstOrDefault()?.Notice, p.Cents, unit.Channel, unit.EndToEndId, null));
                    Postings.Add(p.Id, p);
                }
            }
            if (stored.Units.Any(u => u.Decision != "auto")) InReview[entry.Id] = entry.Amount.Cents;
            Decisions[entry.Id] = string.Join(" | ", stored.Units.Select(u => $"{u.Decision} {u.Channel} {string.Join(",", u.Allocations.Select(a => $"{a.Tenant}:{a.Notice}:{a.Cents}"))}"));
            _stored.Add(entry.Id);
        }
    }

    private static PostingCommand Renamed(PostingCommand p)
    {
        if (p.Kind != "payment" || !p.PaymentId.StartsWith("card:", StringComparison.Ordinal)) return p;
        var body = (PaymentBody)p.Body;
        var id = "rec-" + p.PaymentId[5..];
        return p with { Id = "pay:" + id, PaymentId = id, Body = body with { Record = new Dictionary<string, object?>(body.Record) { ["paymentId"] = id } } };
    }

    private MatchingBook Book()
    {
        var tenants = ledger.Accounts.Values.Select(a => new Tenant(a.TenantReference!, a.TenantName, [])).ToList();
        var notices = ledger.Accounts.Values.SelectMany(a => a.OpenNotices.Select(n =>
            new Reconciliation.Matching.OpenNotice(a.TenantReference!, n.Reference, n.RfReference, n.Period.ToString("yyyy-MM", CultureInfo.InvariantCulture), n.DueDate, n.Outstanding))).ToList();
        var prior = _known.Select(k => new PriorPayment(k.EndToEndId, null, new TenantReference(k.Tenant), k.Notice is { } n ? new NoticeReference(n) : null,
            Money.Eur(k.Cents), default)).ToList();
        return new MatchingBook(tenants, notices, _details, prior);
    }

    private KnownPayment? Original(StoredAllocation a, StoredUnit unit) =>
        _known.LastOrDefault(k => k.Tenant == a.Tenant && unit.EndToEndId is not null && k.EndToEndId == unit.EndToEndId);

    /// <summary>The service's rule for a card payment the webhook path already booked: the ledger's own placement, automatic.</summary>
    private StoredResult WithCardsInLedger(StoredResult result)
    {
        var units = result.Units.Select(u =>
            u is { Channel: "Card", Decision: not "auto", Cents: > 0, Reference.Length: > 0 }
            && ledger.Payment(PaymentId.For(PaymentChannel.Card, u.Reference!).Value) is { } p && p.Amount.Cents == u.Cents
                ? u with
                {
                    Decision = "auto",
                    Allocations = [.. p.Allocations.Values.Select(a => new StoredAllocation(ledger.OwnerOf(p.Id.Value)!, a.Notice.Value, a.Amount.Cents)),
                        .. p.Unallocated.IsPositive ? [new StoredAllocation(ledger.OwnerOf(p.Id.Value)!, null, p.Unallocated.Cents)] : Array.Empty<StoredAllocation>()],
                }
                : u).ToList();
        return result with { Units = units };
    }

    /// <summary>Sends one pending posting (at random); false when none is pending.</summary>
    public bool PostOne(Random rng, Action<string> fail) => Postings.SendOne(rng, fail);

    private bool BookedByWebhook(PostingCommand p) =>
        p.Kind == "payment" && p.PaymentId.StartsWith("card:", StringComparison.Ordinal)
        && ledger.Payment(p.PaymentId) is { } booked && ledger.OwnerOf(p.PaymentId) == p.TenantReference && booked.Amount.Cents == p.Cents;

    private Decision Execute(PostingCommand p)
    {
        if (p.Kind == "payment")
        {
            if (p.PaymentId.StartsWith("card:", StringComparison.Ordinal) && ledger.Payment(p.PaymentId) is not null)
            {
                counts.CardsAlreadyBooked++;
                return new Decision.Unchanged("present");
            }
            counts.LedgerCommands++;
            var (tenant, command) = LedgerCommands.Payment(LedgerCommands.Parse(((PaymentBody)p.Body).Record));
            return ledger.Apply(tenant, command);
        }
        if (p.Kind == "reversal")
        {
            counts.LedgerCommands++;
            return ledger.ApplyToPayment(p.PaymentId, LedgerCommands.Reversal(p.PaymentId, LedgerCommands.Parse(p.Body)));
        }
        throw new InvalidOperationException($"the simulation plans no {p.Kind}");
    }
}
