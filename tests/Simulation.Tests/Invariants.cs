using Ledger.Domain.Accounts;
using Primitives;

namespace Simulation.Tests;

/// <summary>
/// What must hold after every step, whatever the interleaving: each real payment is in the ledger at most once and nothing
/// is in the ledger that did not really happen; amounts and reversals are the real ones (no money created or lost); every
/// account's balance is its notices less the money allocated to them and less its credit, and equals its facts; every
/// journal entry balanced, and the receivable (411) and the cash accounts follow the accounts.
/// </summary>
public static class Invariants
{
    public static void Check(SimLedger ledger, IReadOnlyDictionary<string, CardTruth> cards, IReadOnlyDictionary<string, DebitTruth> debits, Action<string> fail)
    {
        var booked = new Dictionary<string, string>(StringComparer.Ordinal);
        long cash = 0;
        foreach (var (tenant, account) in ledger.Accounts)
        {
            var zero = Money.Zero(account.Currency);
            Money Sum(IEnumerable<Money> ms) => ms.Aggregate(zero, (a, b) => a + b);
            var fromFacts = Sum(account.Notices.Values.Select(n => n.NetDue)) - Sum(account.Payments.Values.Select(p => p.Amount))
                + Sum(account.Payments.Values.Select(p => p.Reversed)) + Sum(account.Payments.Values.Select(p => p.Refunded)) + account.Adjustments;
            if (account.Balance != fromFacts) fail($"{tenant}: balance {account.Balance} but its facts make {fromFacts}");
            var fromOpenItems = Sum(account.Notices.Values.Select(n => n.Outstanding)) - account.Credit + account.Adjustments;
            if (account.Balance != fromOpenItems) fail($"{tenant}: balance {account.Balance} but notices less allocations and credit make {fromOpenItems}");
            foreach (var n in account.Notices.Values)
            {
                if (n.Allocated < zero || n.Allocated > n.NetDue) fail($"{tenant}: notice {n.Reference} allocated {n.Allocated} of {n.NetDue}");
            }
            if (ledger.Receivable(tenant) != account.Balance.Cents) fail($"{tenant}: 411 is {ledger.Receivable(tenant)} but the balance {account.Balance}");
            foreach (var p in account.Payments.Values)
            {
                if (p.Unallocated < zero) fail($"{p.Id}: allocated more than it holds");
                var truth = TruthOf(p, ledger.References(p.Id.Value), cards, debits);
                if (truth is null) { fail($"{p.Id} is in the ledger but no such money was received"); continue; }
                if (booked.TryGetValue(truth.Value.Key, out var other)) fail($"{truth.Value.Key} is in the ledger twice: {other} and {p.Id}");
                booked[truth.Value.Key] = p.Id.Value;
                if (p.Amount.Cents != truth.Value.Cents) fail($"{p.Id}: {p.Amount} recorded, {truth.Value.Cents} received");
                if (p.Reversed.Cents != 0 && p.Reversed.Cents != truth.Value.Reversible) fail($"{p.Id}: {p.Reversed} reversed, {truth.Value.Reversible} really returned");
                cash += p.Net.Cents;
            }
        }
        if (ledger.TotalDebit != ledger.TotalCredit) fail($"journal: debits {ledger.TotalDebit} credits {ledger.TotalCredit}");
        if (ledger.Cash != cash) fail($"cash accounts (512, 467) hold {ledger.Cash} but the payments net {cash}");
    }

    /// <summary>The real money a ledger payment stands for, by the reference that makes it unique in its channel.</summary>
    private static (string Key, long Cents, long Reversible)? TruthOf(PaymentState p, IReadOnlyDictionary<string, string> refs,
        IReadOnlyDictionary<string, CardTruth> cards, IReadOnlyDictionary<string, DebitTruth> debits)
    {
        if (refs.TryGetValue("pspReference", out var psp) && cards.TryGetValue(psp, out var c))
            return ("card " + c.Psp, c.Cents, c.ChargedBack ? c.Cents : 0);
        if (refs.TryGetValue("endToEndId", out var e2e) && debits.TryGetValue(e2e, out var d))
            return ("debit " + d.EndToEnd, d.Cents, d.Returned ? d.Cents : 0);
        return null;
    }
}
