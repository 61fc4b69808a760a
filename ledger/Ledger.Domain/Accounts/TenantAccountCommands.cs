using Primitives;
using NodaTime;

namespace Ledger.Domain.Accounts;

// Commands to one tenant account. Values are already validated value objects; the decider checks the rules that
// need the account's state.

public sealed record OpenAccount(string LandlordId, TenantReference TenantReference, string TenantName, string DwellingReference, LocalDate OpenedOn)
{
    /// <summary>For imports: an existing account is left as it is (a rent roll may spell a name differently).</summary>
    public bool OnlyIfAbsent { get; init; }
}

public sealed record CloseAccount(LocalDate ClosedOn, string Reason);

public sealed record IssueNotice(
    NoticeReference NoticeReference, YearMonth Period, LocalDate IssuedOn, LocalDate DueDate, IReadOnlyList<NoticeLine> Lines,
    RfReference? RfReference);

public sealed record CancelNotice(NoticeReference NoticeReference, LocalDate On, string Reason);

public sealed record CreditNotice(NoticeReference NoticeReference, string CreditNoteReference, IReadOnlyList<NoticeLine> Lines, LocalDate On, string Reason);

public sealed record RecordPayment(
    PaymentId PaymentId, PaymentChannel Channel, Money Amount, LocalDate ReceivedOn,
    IReadOnlyDictionary<string, string> ExternalReferences, NoticeReference? NoticeHint);

public sealed record AllocatePayment(PaymentId PaymentId, NoticeReference NoticeReference, Money Amount);

public sealed record ReallocatePayment(PaymentId PaymentId, NoticeReference From, NoticeReference To, Money Amount);

public sealed record ReversePayment(PaymentId PaymentId, string ReversalId, ReversalKind Kind, Money Amount, LocalDate On, string ReasonCode);

public sealed record CancelReversal(PaymentId PaymentId, string ReversalId, LocalDate On);

public sealed record RefundCredit(string RefundId, Money Amount, LocalDate On, string ApprovedBy, string Reason);

public sealed record WriteOffNotice(string WriteOffId, NoticeReference NoticeReference, Money Amount, LocalDate On, string ApprovedBy, string Reason);

public sealed record AdjustBalance(string AdjustmentId, Money Amount, LocalDate On, string ApprovedBy, string Reason);

/// <summary>An accountant's undo of one allocation: the money goes back to the payment's credit; <c>Reason</c> says who and why.</summary>
public sealed record DeallocatePayment(PaymentId PaymentId, NoticeReference NoticeReference, Money Amount, string Reason);
