using System.Collections.Immutable;
using Primitives;
using NodaTime;

namespace Ledger.Domain.Accounts;

public enum NoticeStatus { Unpaid, PartlyPaid, Paid, Overpaid, Cancelled }

public sealed record NoticeState(
    NoticeReference Reference, YearMonth Period, LocalDate IssuedOn, LocalDate DueDate, RfReference RfReference,
    ImmutableArray<NoticeLine> Lines, Money Issued, Money Reduced, Money Allocated, bool Cancelled, string Fingerprint)
{
    /// <summary>What the tenant owes for this notice after credit notes, write-offs and cancellation.</summary>
    public Money NetDue => Issued - Reduced;

    public Money Outstanding => NetDue - Allocated;

    public NoticeStatus Status => Cancelled ? NoticeStatus.Cancelled
        : Allocated.IsZero ? (NetDue.IsZero ? NoticeStatus.Paid : NoticeStatus.Unpaid)
        : Allocated < NetDue ? NoticeStatus.PartlyPaid
        : Allocated == NetDue ? NoticeStatus.Paid
        : NoticeStatus.Overpaid;
}

public sealed record ReversalState(string ReversalId, ReversalKind Kind, Money Amount, LocalDate On, bool Cancelled, string Fingerprint);

public sealed record PaymentState(
    PaymentId Id, PaymentChannel Channel, Money Amount, LocalDate ReceivedOn, string Fingerprint,
    ImmutableSortedDictionary<string, NoticeAllocation> Allocations, ImmutableDictionary<string, ReversalState> Reversals,
    Money Refunded)
{
    public Money Reversed => Reversals.Values.Where(r => !r.Cancelled).Aggregate(Money.Zero(Amount.Currency), (s, r) => s + r.Amount);
    public Money Net => Amount - Reversed;
    public Money Allocated => Allocations.Values.Aggregate(Money.Zero(Amount.Currency), (s, a) => s + a.Amount);
    public Money Unallocated => Net - Allocated - Refunded;
}

public sealed record NoticeAllocation(NoticeReference Notice, Money Amount);

/// <summary>
/// State of one tenant account, folded from its events by <see cref="Evolve"/>. Immutable: the decider computes on a copy.
/// Balance is positive when the tenant owes money, negative when the landlord holds a credit for the tenant.
/// </summary>
public sealed record TenantAccount(
    bool Exists, bool Closed, string LandlordId, TenantReference? TenantReference, string TenantName, string DwellingReference,
    Currency Currency,
    ImmutableSortedDictionary<string, NoticeState> Notices,
    ImmutableSortedDictionary<string, PaymentState> Payments,
    ImmutableDictionary<string, string> Operations,
    Money Balance, Money Adjustments)
{
    public static readonly TenantAccount Initial = new(
        false, false, "", null, "", "", Currency.Eur,
        ImmutableSortedDictionary.Create<string, NoticeState>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, PaymentState>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, string>(StringComparer.Ordinal),
        Money.Eur(0), Money.Eur(0));

    /// <summary>Lettrage groups of the 411 lines, derived by the decider (see <see cref="Accounts.Lettrage"/>).</summary>
    public LettrageState Lettrage { get; init; } = LettrageState.Empty;

    public NoticeState? Notice(NoticeReference reference) => Notices.GetValueOrDefault(reference.Value);
    public PaymentState? Payment(PaymentId id) => Payments.GetValueOrDefault(id.Value);

    /// <summary>Open notices, oldest due first: the order in which unallocated money pays them.</summary>
    public IEnumerable<NoticeState> OpenNotices => Notices.Values
        .Where(n => !n.Cancelled && n.Outstanding.IsPositive)
        .OrderBy(n => n.DueDate).ThenBy(n => n.Reference.Value, StringComparer.Ordinal);

    /// <summary>Payments with money not yet allocated nor refunded, oldest first.</summary>
    public IEnumerable<PaymentState> PaymentsWithCredit => Payments.Values
        .Where(p => p.Unallocated.IsPositive)
        .OrderBy(p => p.ReceivedOn).ThenBy(p => p.Id.Value, StringComparer.Ordinal);

    public Money Credit => PaymentsWithCredit.Aggregate(Money.Zero(Currency), (s, p) => s + p.Unallocated);

    public static TenantAccount Evolve(TenantAccount s, object @event) => @event switch
    {
        AccountOpened e => s with
        {
            Exists = true, LandlordId = e.LandlordId, TenantReference = e.TenantReference, TenantName = e.TenantName,
            DwellingReference = e.DwellingReference,
        },
        AccountClosed => s with { Closed = true },
        NoticeIssued e => s with
        {
            Notices = s.Notices.Add(e.NoticeReference.Value, new NoticeState(
                e.NoticeReference, e.Period, e.IssuedOn, e.DueDate, e.RfReference, [.. e.Lines], e.Total,
                Money.Zero(e.Total.Currency), Money.Zero(e.Total.Currency), false, e.Fingerprint)),
            Balance = s.Balance + e.Total,
        },
        NoticeCancelled e => s.WithNotice(e.NoticeReference, n => n with { Reduced = n.Reduced + e.Amount, Cancelled = true })
            with { Balance = s.Balance - e.Amount },
        NoticeCredited e => s.WithNotice(e.NoticeReference, n => n with { Reduced = n.Reduced + e.Total })
            .WithOperation(e.CreditNoteReference, Fingerprint.Of(e)) with { Balance = s.Balance - e.Total },
        NoticeWrittenOff e => s.WithNotice(e.NoticeReference, n => n with { Reduced = n.Reduced + e.Amount })
            .WithOperation(e.WriteOffId, Fingerprint.Of(e)) with { Balance = s.Balance - e.Amount },
        PaymentReceived e => s with
        {
            Payments = s.Payments.Add(e.PaymentId.Value, new PaymentState(
                e.PaymentId, e.Channel, e.Amount, e.ReceivedOn, e.Fingerprint,
                ImmutableSortedDictionary.Create<string, NoticeAllocation>(StringComparer.Ordinal),
                ImmutableDictionary.Create<string, ReversalState>(StringComparer.Ordinal), Money.Zero(e.Amount.Currency))),
            Balance = s.Balance - e.Amount,
        },
        PaymentAllocated e => s
            .WithPayment(e.PaymentId, p => p with { Allocations = AddAllocation(p.Allocations, e.NoticeReference, e.Amount) })
            .WithNotice(e.NoticeReference, n => n with { Allocated = n.Allocated + e.Amount }),
        PaymentDeallocated e => s
            .WithPayment(e.PaymentId, p => p with { Allocations = AddAllocation(p.Allocations, e.NoticeReference, -e.Amount) })
            .WithNotice(e.NoticeReference, n => n with { Allocated = n.Allocated - e.Amount }),
        PaymentReversed e => s.WithPayment(e.PaymentId, p => p with
        {
            Reversals = p.Reversals.Add(e.ReversalId, new ReversalState(e.ReversalId, e.Kind, e.Amount, e.On, false, e.Fingerprint)),
        }) with { Balance = s.Balance + e.Amount },
        ReversalCancelled e => s.WithPayment(e.PaymentId, p => p with
        {
            Reversals = p.Reversals.SetItem(e.ReversalId, p.Reversals[e.ReversalId] with { Cancelled = true }),
        }) with { Balance = s.Balance - e.Amount },
        CreditRefunded e => e.Portions
            .Aggregate(s, (acc, portion) => acc.WithPayment(portion.PaymentId, p => p with { Refunded = p.Refunded + portion.Amount }))
            .WithOperation(e.RefundId, Fingerprint.Of(e)) with
            {
                Balance = s.Balance + e.Amount, Lettrage = s.Lettrage with { Refunds = s.Lettrage.Refunds.SetItem(e.RefundId, e) },
            },
        BalanceAdjusted e => s.WithOperation(e.AdjustmentId, Fingerprint.Of(e)) with
        {
            Balance = s.Balance + e.Amount, Adjustments = s.Adjustments + e.Amount,
        },
        // Lettrage (merge-friendly block: events of Lettrage.cs).
        LettrageApplied e => s with { Lettrage = s.Lettrage.Apply(e) },
        LettrageUndone e => s with { Lettrage = s.Lettrage.Undo(e) },
        _ => throw new InvalidOperationException($"unknown tenant account event {@event.GetType().Name}"),
    };

    public static TenantAccount Fold(IEnumerable<object> events) => events.Aggregate(Initial, Evolve);

    private TenantAccount WithNotice(NoticeReference reference, Func<NoticeState, NoticeState> change) =>
        this with { Notices = Notices.SetItem(reference.Value, change(Notices[reference.Value])) };

    private TenantAccount WithPayment(PaymentId id, Func<PaymentState, PaymentState> change) =>
        this with { Payments = Payments.SetItem(id.Value, change(Payments[id.Value])) };

    private TenantAccount WithOperation(string operationId, string fingerprint) =>
        this with { Operations = Operations.SetItem(operationId, fingerprint) };

    private static ImmutableSortedDictionary<string, NoticeAllocation> AddAllocation(
        ImmutableSortedDictionary<string, NoticeAllocation> allocations, NoticeReference notice, Money amount)
    {
        var current = allocations.GetValueOrDefault(notice.Value)?.Amount ?? Money.Zero(amount.Currency);
        var next = current + amount;
        return next.IsZero ? allocations.Remove(notice.Value) : allocations.SetItem(notice.Value, new NoticeAllocation(notice, next));
    }
}
