using System.Collections.Immutable;
using NodaTime;
using Primitives;

namespace Ledger.Domain.Bank;

/// <summary>One parked entry: what was parked and, once cleared, the clearing's fingerprint.</summary>
public sealed record ParkedEntry(
    string EntryId, Money Amount, LocalDate ValueDate, PaymentChannel Channel, string Fingerprint, string? ClearingFingerprint)
{
    public bool Open => ClearingFingerprint is null;
}

/// <summary>
/// The state of a landlord's bank operations, folded from its stream: what is parked (open or cleared), and the
/// fingerprints of fees, not-rent receipts and remittances by entry id, which is all the decider needs for idempotency.
/// </summary>
public sealed record BankOperations(
    ImmutableDictionary<string, ParkedEntry> Parked, ImmutableDictionary<string, string> Fees, ImmutableDictionary<string, string> NotRent,
    ImmutableDictionary<string, string> Remittances)
{
    public static readonly BankOperations Initial = new(
        ImmutableDictionary.Create<string, ParkedEntry>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, string>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, string>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, string>(StringComparer.Ordinal));

    /// <summary>The balance of 471 from this stream: what is parked and not cleared, per currency.</summary>
    public long OpenSuspenseCents(Currency currency) =>
        Parked.Values.Where(p => p.Open && p.Amount.Currency == currency).Sum(p => p.Amount.Cents);

    public static BankOperations Fold(IEnumerable<object> events) => events.Aggregate(Initial, Evolve);

    public static BankOperations Evolve(BankOperations s, object e) => e switch
    {
        SuspenseParked p => s with { Parked = s.Parked.SetItem(p.EntryId, new ParkedEntry(p.EntryId, p.Amount, p.ValueDate, p.Channel, p.Fingerprint, null)) },
        SuspenseCleared c => s with { Parked = s.Parked.SetItem(c.EntryId, s.Parked[c.EntryId] with { ClearingFingerprint = c.Fingerprint }) },
        BankFeesBooked f => s with { Fees = s.Fees.SetItem(f.EntryId, f.Fingerprint) },
        NotRentReceived n => s with { NotRent = s.NotRent.SetItem(n.EntryId, n.Fingerprint) },
        RemittanceCredited r => s with { Remittances = s.Remittances.SetItem(r.EntryId, r.Fingerprint) },
        _ => s,
    };
}
