using System.Collections.Immutable;
using NodaTime;

namespace Ledger.Domain.DirectDebit;

public enum MandateStatus { None, Active, Amended, Revoked, Lapsed }

public sealed record MandateUse(string EndToEndId, LocalDate CollectionDate, string SequenceType, long AmountCents, PendingAmendment? Carried, string? RejectedWith);

/// <summary>
/// State of one SEPA mandate, folded from its events. Whether it is lapsed depends on the date asked about, never on the
/// clock: SDD Core rulebook (PR 4.5, "expiry of mandates"): a mandate for which no collection has been presented for 36
/// months — even a collection then rejected, returned or refunded — expires and may not be used.
/// </summary>
public sealed record Mandate(
    MandateTerms? Terms, MandateTerms? Signed, bool WasAmended, LocalDate? RevokedOn, PendingAmendment? Pending,
    ImmutableList<MandateUse> Uses)
{
    public static readonly Mandate Initial = new(null, null, false, null, null, []);

    public const int LapseMonths = 36;

    /// <summary>The RUM the mandate was signed with: its stream's key, whatever amendments later changed.</summary>
    public string? OriginalRum => Signed?.Rum;

    /// <summary>The last date a collection was presented, else the signature date: where the 36 months start.</summary>
    public LocalDate? LastPresentedOrSigned => Uses.Count > 0 ? Uses.Max(u => u.CollectionDate) : Terms?.SignedOn;

    /// <summary>First day on which the mandate is expired when nothing is presented before.</summary>
    public LocalDate? LapsesOn => LastPresentedOrSigned?.PlusMonths(LapseMonths);

    public MandateStatus StatusOn(LocalDate date) =>
        Terms is null ? MandateStatus.None
        : RevokedOn is { } r && r <= date ? MandateStatus.Revoked
        : date >= LapsesOn ? MandateStatus.Lapsed
        : WasAmended ? MandateStatus.Amended
        : MandateStatus.Active;

    /// <summary>A collection counts for the sequence when the bank did not reject it (a return after settlement still counts).</summary>
    public bool HasBeenCollected => Uses.Any(u => u.RejectedWith is null);

    /// <summary>
    /// The sequence type of the next collection: OOFF for a one-off mandate, FRST for the first of a recurrent one (again
    /// after the first was rejected: the debtor bank never saw a series), RCUR after. Null when a one-off mandate was used.
    /// </summary>
    public string? NextSequenceType => Terms?.Sequence switch
    {
        MandateSequence.OneOff => HasBeenCollected ? null : "OOFF",
        MandateSequence.Recurrent => HasBeenCollected ? "RCUR" : "FRST",
        _ => null,
    };

    public static Mandate Evolve(Mandate s, object e) => e switch
    {
        MandateSigned x => s with { Terms = x.Terms, Signed = x.Terms },
        MandateAmended x => s with { Terms = x.Terms, WasAmended = true, Pending = Merge(s.Pending, x.Change) },
        MandateRevoked x => s with { RevokedOn = x.On },
        MandateCollectionPresented x => s with
        {
            Pending = null,
            Uses = s.Uses.Add(new MandateUse(x.EndToEndId, x.CollectionDate, x.SequenceType, x.AmountCents, x.Carried, null)),
        },
        MandateCollectionRejected x => Rejected(s, x),
        _ => s,
    };

    private static Mandate Rejected(Mandate s, MandateCollectionRejected x)
    {
        var i = s.Uses.FindIndex(u => u.EndToEndId == x.EndToEndId);
        var use = s.Uses[i];
        // The amendment the rejected debit carried never reached the debtor's bank: the next collection carries it again.
        return s with { Uses = s.Uses.SetItem(i, use with { RejectedWith = x.ReasonCode }), Pending = Merge(use.Carried, s.Pending) };
    }

    /// <summary>Two amendments before a collection: the bank must see the originals as of the last collection.</summary>
    public static PendingAmendment? Merge(PendingAmendment? earlier, PendingAmendment? later) =>
        earlier is null ? later
        : later is null ? earlier
        : new PendingAmendment(earlier.OriginalRum ?? later.OriginalRum,
            earlier.NewDebtorBank || later.NewDebtorBank ? null : earlier.OriginalIban ?? later.OriginalIban,
            earlier.NewDebtorBank || later.NewDebtorBank);
}
