using System.Collections.Concurrent;
using System.Diagnostics;
using CsCheck;
using Ledger.Domain.Accounts;
using Ledger.Domain.Journal;
using Primitives;
using NodaTime;
using Xunit.Abstractions;
using static Ledger.Tests.Domain.A;

namespace Ledger.Tests.Domain;

/// <summary>
/// Random command sequences through Decide + Evolve, with the ledger's invariants and the journal checked after every step.
/// An operation is drawn as plain numbers and turned into a command against the current state (which notice, which
/// payment, how much), so that most commands are meaningful and some are deliberately wrong or repeated.
/// </summary>
[Trait("Category", "Unit")]
public sealed class LedgerPropertyTests(ITestOutputHelper output)
{
    public sealed record Op(int Kind, int I, int J, long Amount, int Variant);

    private static readonly Gen<Op> GenOp = Gen.Select(Gen.Int[0, 17], Gen.Int[0, 1000], Gen.Int[0, 1000], Gen.Long[1, 120_000], Gen.Int[0, 3],
        (kind, i, j, amount, variant) => new Op(kind, i, j, amount, variant));

    private static readonly Gen<Op[]> GenSequence = GenOp.Array[1, 45];

    private static readonly ChartOfAccounts Chart = new();

    [Fact]
    public void RandomSequences_KeepEveryInvariantAfterEveryStep()
    {
        var sequences = 0;
        var accepted = new ConcurrentDictionary<string, int>();
        var outcomes = new ConcurrentDictionary<string, int>();
        var clock = Stopwatch.StartNew();

        GenSequence.Sample(ops =>
        {
            Run(ops, accepted, outcomes);
            Interlocked.Increment(ref sequences);
        }, iter: 1100, threads: 1, print: ops => string.Join("\n", ops.Select(o => o.ToString())));

        output.WriteLine($"{sequences} sequences in {clock.Elapsed.TotalSeconds:0.0} s; accepted: "
            + string.Join(", ", accepted.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"))
            + "; outcomes: " + string.Join(", ", outcomes.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")));
        sequences.ShouldBeGreaterThanOrEqualTo(1000);
        // The generator must reach every command, accepted, at least once; otherwise the invariants were checked on nothing.
        foreach (var command in new[] { nameof(IssueNotice), nameof(RecordPayment), nameof(ReallocatePayment),
                     nameof(ReversePayment), nameof(CancelReversal), nameof(RefundCredit), nameof(WriteOffNotice), nameof(AdjustBalance),
                     nameof(CancelNotice), nameof(CreditNotice), nameof(CloseAccount) })
        {
            accepted.GetValueOrDefault(command).ShouldBeGreaterThan(0, command);
        }
        outcomes.GetValueOrDefault("duplicate payment unchanged").ShouldBeGreaterThan(0);
        // A manual allocation can never be accepted in a state the decider reached: by (f), unallocated money only exists
        // when no notice is open, so any allocation would over-pay. It is exercised (and refused) all the same.
        accepted.GetValueOrDefault(nameof(AllocatePayment)).ShouldBe(0);
        outcomes.GetValueOrDefault("AllocatePayment Conflict").ShouldBeGreaterThan(0);
        outcomes.GetValueOrDefault("RecordPayment Conflict").ShouldBeGreaterThan(0);
    }

    private static void Run(Op[] ops, ConcurrentDictionary<string, int> accepted, ConcurrentDictionary<string, int> outcomes)
    {
        var state = TenantAccount.Initial;
        var events = new List<object>();
        long receivable = 0;
        var recorded = new List<RecordPayment>();
        var usedCodes = new HashSet<string>(StringComparer.Ordinal);

        void Apply(object command)
        {
            var decision = TenantAccountDecider.Decide(state, command);
            var name = command.GetType().Name;
            switch (decision)
            {
                case Decision.Accepted a:
                    a.Events.ShouldNotBeEmpty();
                    // (h) a lettrage code is never given to another group: a new code is always past every code used so far.
                    foreach (var l in a.Events.OfType<LettrageApplied>().Where(l => !state.Lettrage.Groups.ContainsKey(l.Code)))
                    {
                        Lettrage.IndexOf(l.Code).ShouldBeGreaterThanOrEqualTo(state.Lettrage.NextCode, $"code {l.Code} reused");
                        usedCodes.Add(l.Code).ShouldBeTrue($"code {l.Code} given twice");
                    }
                    accepted.AddOrUpdate(name, 1, (_, n) => n + 1);
                    foreach (var e in a.Events)
                    {
                        // (d) every entry is balanced, and 411 follows the balance.
                        if (JournalPosting.For(e, state, Chart) is { } entry)
                        {
                            entry.TotalDebit.ShouldBe(entry.TotalCredit, $"unbalanced {e}");
                            receivable += entry.Lines.Where(l => l.Account == Chart.TenantReceivable).Sum(l => l.Debit - l.Credit);
                        }
                        state = TenantAccount.Evolve(state, e);
                        events.Add(e);
                    }
                    break;
                case Decision.Rejected r:
                    outcomes.AddOrUpdate($"{name} {r.Kind}", 1, (_, n) => n + 1);
                    break;
                case Decision.Unchanged:
                    outcomes.AddOrUpdate($"{name} Unchanged", 1, (_, n) => n + 1);
                    break;
            }
            CheckInvariants(state, receivable);
        }

        Apply(Open);
        foreach (var op in ops)
        {
            if (op.Kind == 5 && recorded.Count > 0)
            {
                // (e) the same payment again, same content: nothing happens.
                var again = recorded[op.I % recorded.Count];
                var before = events.Count;
                TenantAccountDecider.Decide(state, again).ShouldBeOfType<Decision.Unchanged>();
                Apply(again);
                events.Count.ShouldBe(before);
                outcomes.AddOrUpdate("duplicate payment unchanged", 1, (_, n) => n + 1);
                continue;
            }
            if (ToCommand(op, state) is not { } command) continue;
            var count = events.Count;
            Apply(command);
            if (command is RecordPayment pay && events.Count > count && events[count] is PaymentReceived) recorded.Add(pay);
        }

        // (g) folding the whole stream gives the state built step by step.
        var folded = TenantAccount.Fold(events);
        folded.Balance.ShouldBe(state.Balance);
        folded.Credit.ShouldBe(state.Credit);
        Canon.Of(folded.Notices.Values.Select(n => (n.Reference, n.Issued, n.Reduced, n.Allocated, n.Cancelled)))
            .ShouldBe(Canon.Of(state.Notices.Values.Select(n => (n.Reference, n.Issued, n.Reduced, n.Allocated, n.Cancelled))));
    }

    private static void CheckInvariants(TenantAccount s, long receivable)
    {
        var zero = Money.Zero(s.Currency);
        // (a) no notice over-paid, no negative allocation, and what payments say they allocated is what notices received.
        foreach (var n in s.Notices.Values)
        {
            n.Allocated.ShouldBeGreaterThanOrEqualTo(zero, n.Reference.Value);
            n.Allocated.ShouldBeLessThanOrEqualTo(n.NetDue, n.Reference.Value);
            n.NetDue.ShouldBeGreaterThanOrEqualTo(zero, n.Reference.Value);
            n.Status.ShouldNotBe(NoticeStatus.Overpaid);
            var fromPayments = s.Payments.Values.Select(p => p.Allocations.GetValueOrDefault(n.Reference.Value)?.Amount ?? zero).Aggregate(zero, (a, b) => a + b);
            fromPayments.ShouldBe(n.Allocated, n.Reference.Value);
            if (n.Cancelled) n.Allocated.ShouldBe(zero);
        }
        // (b) a payment never gives away more than it still holds.
        foreach (var p in s.Payments.Values)
        {
            (p.Allocated + p.Refunded).ShouldBeLessThanOrEqualTo(p.Net, p.Id.Value);
            p.Unallocated.ShouldBeGreaterThanOrEqualTo(zero, p.Id.Value);
            p.Allocations.Values.ShouldAllBe(a => a.Amount.IsPositive);
        }
        // (c) the balance, two ways.
        var sum = (Func<IEnumerable<Money>, Money>)(ms => ms.Aggregate(zero, (a, b) => a + b));
        var fromFacts = sum(s.Notices.Values.Select(n => n.Issued - n.Reduced)) - sum(s.Payments.Values.Select(p => p.Amount))
            + sum(s.Payments.Values.Select(p => p.Reversed)) + sum(s.Payments.Values.Select(p => p.Refunded)) + s.Adjustments;
        s.Balance.ShouldBe(fromFacts);
        var fromOpenItems = sum(s.Notices.Values.Select(n => n.Outstanding)) - sum(s.Payments.Values.Select(p => p.Unallocated)) + s.Adjustments;
        s.Balance.ShouldBe(fromOpenItems);
        // (d) continued: the tenant's 411 sub-account is the balance.
        receivable.ShouldBe(s.Balance.Cents);
        // (f) money never waits next to an unpaid notice: unallocated money is allocated as soon as something is open.
        (s.OpenNotices.Any() && s.PaymentsWithCredit.Any()).ShouldBeFalse("an open notice and unallocated money coexist");
        // (i) lettrage: a complete group sums to zero, a partial one does not; every item linked to another is in a group;
        // so the items outside complete groups (plus manual adjustments) make the balance.
        foreach (var g in s.Lettrage.Groups.Values)
            (Lettrage.Open(s, g.Items) == 0).ShouldBe(g.Complete, $"group {g.Code}");
        foreach (var p in s.Payments.Values.Where(p => !p.Allocations.IsEmpty))
        {
            var group = s.Lettrage.GroupOf(Lettrage.PaymentItem(p.Id.Value)).ShouldNotBeNull(p.Id.Value);
            p.Allocations.Keys.ShouldAllBe(n => s.Lettrage.GroupOf(Lettrage.NoticeItem(n)) == group);
        }
        var items = s.Notices.Keys.Select(Lettrage.NoticeItem).Concat(s.Payments.Keys.Select(Lettrage.PaymentItem))
            .Concat(s.Lettrage.Refunds.Keys.Select(Lettrage.RefundItem));
        (Lettrage.Open(s, items.Where(i => s.Lettrage.GroupOf(i) is not { Complete: true })) + s.Adjustments.Cents).ShouldBe(s.Balance.Cents);
    }

    private static readonly LocalDate Start = new(2026, 1, 5);

    /// <summary>Turns drawn numbers into a command against the current state; null when there is nothing to act on.</summary>
    private static object? ToCommand(Op op, TenantAccount s)
    {
        var notices = s.Notices.Values.ToArray();
        var payments = s.Payments.Values.ToArray();
        var on = Start.PlusDays(op.J % 400);
        NoticeState? Notice() => notices.Length == 0 ? null : notices[op.I % notices.Length];
        PaymentState? Payment() => payments.Length == 0 ? null : payments[op.J % payments.Length];
        long Upto(long limit) => 1 + op.Amount % Math.Max(1, limit); // 1..limit

        switch (op.Kind)
        {
            case 0 or 1:
            {
                // Notice k has one content per variant: the same reference comes back with the same or other content.
                var k = op.I % 14;
                var rent = 30_000 + k * 1_000 + op.Variant % 2 * 7;
                List<NoticeLine> lines = [Rent(rent), Charges(op.Variant == 3 ? 0 : 8_000)];
                if (k % 2 == 0) lines.Add(Rls(-(1_000 + k * 100)));
                if (k % 5 == 0) lines.Add(Sls(2_500));
                var month = new YearMonth(2026, 1).PlusMonths(k);
                return new IssueNotice(N($"AV-{k:00}"), month, month.OnDayOfMonth(1), month.OnDayOfMonth(5), lines, null);
            }
            case 2 or 3 or 4:
            {
                var id = $"pay-{op.I % 12:00}";
                var channel = (PaymentChannel)(op.J % 6);
                var hint = op.Variant == 1 ? Notice()?.Reference : op.Variant == 2 && op.I % 7 == 0 ? N("NO-SUCH") : null;
                return new RecordPayment(P(id), channel, Eur(op.Amount), on,
                    new Dictionary<string, string> { ["bankReference"] = id }, hint);
            }
            case 6:
                return Payment() is { } ap && Notice() is { } n
                    ? new AllocatePayment(ap.Id, n.Reference, Eur(Upto(Math.Max(ap.Unallocated.Cents, n.Outstanding.Cents) + 50))) : null;
            case 7:
            {
                if (payments.Where(x => !x.Allocations.IsEmpty).ToArray() is not { Length: > 0 } withAllocations || Notice() is not { } to) return null;
                var p = withAllocations[op.J % withAllocations.Length];
                var from = p.Allocations.Values.ElementAt(op.Variant % p.Allocations.Count);
                return new ReallocatePayment(p.Id, from.Notice, to.Reference, Eur(Upto(from.Amount.Cents + (op.Variant == 0 ? 20 : 0))));
            }
            case 8 or 9:
            {
                if (Payment() is not { } p) return null;
                var kind = (ReversalKind)(op.Variant % 5);
                var left = (p.Net - p.Refunded).Cents;
                return new ReversePayment(p.Id, $"rev-{op.I % 3}", kind, Eur(Upto(left + (op.I % 4 == 0 ? 100 : 0))), on,
                    kind == ReversalKind.DirectDebitReturned ? "AM04" : "");
            }
            case 10:
            {
                if (payments.Where(x => !x.Reversals.IsEmpty).ToArray() is not { Length: > 0 } reversed) return null;
                var p = reversed[op.J % reversed.Length];
                return new CancelReversal(p.Id, p.Reversals.Keys.Order(StringComparer.Ordinal).ElementAt(op.I % p.Reversals.Count), on);
            }
            case 11:
                return new RefundCredit($"rf-{op.I % 4}", Eur(Upto(s.Credit.Cents + (op.Variant == 0 ? 30 : 0))), on, "m.dupont", "trop-perçu");
            case 12:
                return Notice() is { } wo
                    ? new WriteOffNotice($"wo-{op.J % 4}", wo.Reference, Eur(Upto(Math.Max(0, wo.Outstanding.Cents) + (op.Variant == 0 ? 40 : 0))), on, "chef.agence", "irrécouvrable")
                    : null;
            case 13:
                return new AdjustBalance($"adj-{op.I % 4}", Eur(op.Amount % 20_001 - 10_000), on, "chef.agence", "régularisation");
            case 14:
                return Notice() is { } c ? new CancelNotice(c.Reference, on, "émis par erreur") : null;
            case 15:
                return Notice() is { } cn
                    ? new CreditNotice(cn.Reference, $"CN-{op.J % 5}", [Rent(Upto(Math.Max(0, cn.NetDue.Cents) + (op.Variant == 0 ? 60 : 0)))], on, "avoir")
                    : null;
            case 16 when op.Variant == 0 && op.I % 10 == 0:
                return new CloseAccount(on, "départ");
            default:
                return null;
        }
    }
}
