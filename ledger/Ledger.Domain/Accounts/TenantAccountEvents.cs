using Primitives;
using NodaTime;

namespace Ledger.Domain.Accounts;

// The facts of one tenant account (one event stream per tenant account and landlord). They are never updated or
// deleted: a mistake is corrected by a later fact (a credit note, a reversal, a re-allocation). Each carries the amounts
// it moves, so that the balance and the journal can be recomputed from the stream alone.

public enum NoticeLineKind
{
    /// <summary>Loyer principal.</summary>
    Rent,
    /// <summary>Provisions pour charges locatives.</summary>
    Charges,
    /// <summary>Supplément de loyer de solidarité.</summary>
    Sls,
    /// <summary>Réduction de loyer de solidarité: a negative line.</summary>
    Rls,
    Other,
}

public sealed record NoticeLine(NoticeLineKind Kind, string Label, Money Amount);

public enum ReversalKind
{
    /// <summary>Card chargeback (Adyen CHARGEBACK).</summary>
    Chargeback,
    /// <summary>Money sent back to the payer (card refund, transfer refund).</summary>
    Refund,
    /// <summary>Cheque returned unpaid (chèque impayé).</summary>
    ChequeReturned,
    /// <summary>SEPA direct debit or TIP returned, with its R-code (AM04, MD06…).</summary>
    DirectDebitReturned,
    Other,
}

public sealed record AccountOpened(
    string LandlordId, TenantReference TenantReference, string TenantName, string DwellingReference, LocalDate OpenedOn);

public sealed record AccountClosed(LocalDate ClosedOn, string Reason);

public sealed record NoticeIssued(
    NoticeReference NoticeReference, YearMonth Period, LocalDate IssuedOn, LocalDate DueDate,
    IReadOnlyList<NoticeLine> Lines, Money Total, RfReference RfReference, string Fingerprint);

/// <summary>The whole remaining amount of a notice is cancelled (its payments were de-allocated just before).</summary>
public sealed record NoticeCancelled(NoticeReference NoticeReference, Money Amount, LocalDate On, string Reason);

/// <summary>A credit note (avoir) that reduces a notice; lines are positive amounts taken off the notice's lines.</summary>
public sealed record NoticeCredited(
    NoticeReference NoticeReference, string CreditNoteReference, IReadOnlyList<NoticeLine> Lines, Money Total,
    LocalDate On, string Reason);

public sealed record PaymentReceived(
    PaymentId PaymentId, PaymentChannel Channel, Money Amount, LocalDate ReceivedOn,
    IReadOnlyDictionary<string, string> ExternalReferences, NoticeReference? NoticeHint, string Fingerprint);

public sealed record PaymentAllocated(PaymentId PaymentId, NoticeReference NoticeReference, Money Amount);

public sealed record PaymentDeallocated(PaymentId PaymentId, NoticeReference NoticeReference, Money Amount, string Reason);

public sealed record PaymentReversed(
    PaymentId PaymentId, string ReversalId, ReversalKind Kind, Money Amount, LocalDate On, string ReasonCode, string Fingerprint);

/// <summary>A reversal undone in the landlord's favour (Adyen CHARGEBACK_REVERSED): the money counts again.</summary>
public sealed record ReversalCancelled(PaymentId PaymentId, string ReversalId, Money Amount, LocalDate On);

public sealed record RefundPortion(PaymentId PaymentId, Money Amount);

/// <summary>The tenant's credit paid back to the tenant, taken from the unallocated part of named payments.</summary>
public sealed record CreditRefunded(
    string RefundId, Money Amount, IReadOnlyList<RefundPortion> Portions, LocalDate On, string ApprovedBy, string Reason);

public sealed record NoticeWrittenOff(
    string WriteOffId, NoticeReference NoticeReference, Money Amount, LocalDate On, string ApprovedBy, string Reason);

/// <summary>A manual adjustment of the balance: positive increases what the tenant owes, negative decreases it.</summary>
public sealed record BalanceAdjusted(string AdjustmentId, Money Amount, LocalDate On, string ApprovedBy, string Reason);
