using Primitives;

namespace Ledger.Domain.Accounts;

public static partial class TenantAccountDecider
{
    /// <summary>External references a payment may carry: what identifies it in its channel, nothing personal.</summary>
    public static readonly IReadOnlySet<string> ExternalReferenceKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "pspReference", "merchantReference", "bankReference", "endToEndId", "statementEntryId", "chequeNumber",
        "depositReference", "eficashReceipt", "mandateReference", "creditorReference",
    };

    private static Decision Record(TenantAccount s, RecordPayment c)
    {
        if (Missing(s) is { } missing) return missing;
        if (Amount(s, c.Amount, "amount") is { } bad) return bad;
        foreach (var (key, value) in c.ExternalReferences)
        {
            if (!ExternalReferenceKeys.Contains(key))
                return Decision.Invalid($"externalReferences.{key}", "unknown external reference kind");
            if (string.IsNullOrWhiteSpace(value) || value.Length > 140)
                return Decision.Invalid($"externalReferences.{key}", "external reference must be 1 to 140 characters");
        }
        if (c.NoticeHint is { } hint && s.Notice(hint) is null)
            return Decision.NotFound("noticeReference", "no such notice on this account");
        var fingerprint = Fingerprint.Of("payment", c.Channel, c.Amount, c.ReceivedOn, c.NoticeHint, Fingerprint.References(c.ExternalReferences));
        if (s.Payment(c.PaymentId) is { } existing)
        {
            return existing.Fingerprint == fingerprint
                ? new Decision.Unchanged("payment already recorded")
                : Decision.Conflict("paymentId", "this payment id was already recorded with different content");
        }
        var e = new Emitter(s);
        e.Emit(new PaymentReceived(c.PaymentId, c.Channel, c.Amount, c.ReceivedOn,
            new SortedDictionary<string, string>(c.ExternalReferences.ToDictionary(), StringComparer.Ordinal), c.NoticeHint, fingerprint));
        if (c.NoticeHint is { } named && e.State.Notice(named) is { Cancelled: false, Outstanding.IsPositive: true } notice)
        {
            e.Emit(new PaymentAllocated(c.PaymentId, named, Money.Min(c.Amount, notice.Outstanding)));
        }
        Settle(e);
        return e.Decision;
    }

    private static Decision Allocate(TenantAccount s, AllocatePayment c)
    {
        if (Missing(s) is { } missing) return missing;
        if (s.Payment(c.PaymentId) is not { } payment) return Decision.NotFound("paymentId", "no such payment on this account");
        if (s.Notice(c.NoticeReference) is not { } notice) return Decision.NotFound("noticeReference", "no such notice on this account");
        if (Amount(s, c.Amount, "amount") is { } bad) return bad;
        if (c.Amount > payment.Unallocated) return Decision.Conflict("amount", "the amount exceeds the unallocated part of the payment");
        if (notice.Cancelled || c.Amount > notice.Outstanding)
            return Decision.Conflict("amount", "the allocation would over-pay the notice; the excess stays as credit");
        return new Decision.Accepted([new PaymentAllocated(payment.Id, notice.Reference, c.Amount)]);
    }

    private static Decision Reallocate(TenantAccount s, ReallocatePayment c)
    {
        if (Missing(s) is { } missing) return missing;
        if (s.Payment(c.PaymentId) is not { } payment) return Decision.NotFound("paymentId", "no such payment on this account");
        if (s.Notice(c.To) is not { } to) return Decision.NotFound("to", "no such notice on this account");
        if (Amount(s, c.Amount, "amount") is { } bad) return bad;
        if (c.From == c.To) return Decision.Invalid("to", "the target notice must differ from the source notice");
        var allocated = payment.Allocations.GetValueOrDefault(c.From.Value)?.Amount ?? Money.Zero(s.Currency);
        if (c.Amount > allocated) return Decision.Conflict("amount", "the payment has less than this amount on the source notice");
        if (to.Cancelled || c.Amount > to.Outstanding)
            return Decision.Conflict("amount", "the re-allocation would over-pay the target notice");
        var e = new Emitter(s);
        e.Emit(new PaymentDeallocated(payment.Id, c.From, c.Amount, "re-allocated to " + c.To.Value));
        e.Emit(new PaymentAllocated(payment.Id, c.To, c.Amount));
        return e.Decision;
    }

    private static Decision Reverse(TenantAccount s, ReversePayment c)
    {
        if (Missing(s) is { } missing) return missing;
        if (s.Payment(c.PaymentId) is not { } payment) return Decision.NotFound("paymentId", "no such payment on this account");
        if (Text(c.ReversalId, "reversalId", required: true) is { } badId) return badId;
        if (Text(c.ReasonCode, "reasonCode", required: false) is { } badCode) return badCode;
        if (Amount(s, c.Amount, "amount") is { } bad) return bad;
        var fingerprint = Fingerprint.Of("reversal", c.Kind, c.Amount, c.On, c.ReasonCode);
        if (payment.Reversals.TryGetValue(c.ReversalId, out var existing))
        {
            return existing.Fingerprint == fingerprint
                ? new Decision.Unchanged("reversal already recorded")
                : Decision.Conflict("reversalId", "this reversal id was already recorded with different content");
        }
        if (c.Amount > payment.Net - payment.Refunded)
            return Decision.Conflict("amount", "the reversal exceeds what remains of the payment");
        var e = new Emitter(s);
        // Money not yet allocated goes first; then the most recently due notices are reopened.
        var toRelease = c.Amount - Money.Max(payment.Unallocated, Money.Zero(s.Currency));
        var byLatestDue = payment.Allocations.Values
            .OrderByDescending(a => s.Notices[a.Notice.Value].DueDate).ThenByDescending(a => a.Notice.Value, StringComparer.Ordinal);
        foreach (var allocation in byLatestDue)
        {
            if (!toRelease.IsPositive) break;
            var take = Money.Min(toRelease, allocation.Amount);
            e.Emit(new PaymentDeallocated(payment.Id, allocation.Notice, take, $"{c.Kind} {c.ReversalId}"));
            toRelease -= take;
        }
        e.Emit(new PaymentReversed(payment.Id, c.ReversalId, c.Kind, c.Amount, c.On, c.ReasonCode, fingerprint));
        Settle(e);
        return e.Decision;
    }

    private static Decision CancelReversalOf(TenantAccount s, CancelReversal c)
    {
        if (Missing(s) is { } missing) return missing;
        if (s.Payment(c.PaymentId) is not { } payment) return Decision.NotFound("paymentId", "no such payment on this account");
        if (!payment.Reversals.TryGetValue(c.ReversalId, out var reversal)) return Decision.NotFound("reversalId", "no such reversal of this payment");
        if (reversal.Cancelled) return new Decision.Unchanged("reversal already cancelled");
        var e = new Emitter(s);
        e.Emit(new ReversalCancelled(payment.Id, reversal.ReversalId, reversal.Amount, c.On));
        Settle(e);
        return e.Decision;
    }

    private static Decision Refund(TenantAccount s, RefundCredit c)
    {
        if (Missing(s) is { } missing) return missing;
        if (Approval(c.RefundId, c.ApprovedBy, c.Reason) is { } bad) return bad;
        if (Amount(s, c.Amount, "amount") is { } badAmount) return badAmount;
        var portions = new List<RefundPortion>();
        var left = c.Amount;
        foreach (var payment in s.PaymentsWithCredit)
        {
            if (!left.IsPositive) break;
            var take = Money.Min(left, payment.Unallocated);
            portions.Add(new RefundPortion(payment.Id, take));
            left -= take;
        }
        var candidate = new CreditRefunded(c.RefundId, c.Amount, portions, c.On, c.ApprovedBy, c.Reason);
        if (Repeat(s, c.RefundId, Fingerprint.Of(candidate), "refundId") is { } repeat) return repeat;
        if (left.IsPositive) return Decision.Conflict("amount", "the refund exceeds the tenant's credit");
        return new Decision.Accepted([candidate]);
    }

    /// <summary>Unallocated money pays open notices, oldest payment first, oldest due notice first.</summary>
    private static void Settle(Emitter e)
    {
        while (e.State.PaymentsWithCredit.FirstOrDefault() is { } payment && e.State.OpenNotices.FirstOrDefault() is { } notice)
        {
            e.Emit(new PaymentAllocated(payment.Id, notice.Reference, Money.Min(payment.Unallocated, notice.Outstanding)));
        }
    }

    /// <summary>After a notice was reduced below what was allocated to it, the excess goes back to its payments.</summary>
    private static void ReleaseExcess(Emitter e, NoticeReference reference, string reason)
    {
        var notice = e.State.Notice(reference)!;
        var excess = notice.Allocated - notice.NetDue;
        foreach (var payment in e.State.Payments.Values.OrderByDescending(p => p.ReceivedOn).ThenByDescending(p => p.Id.Value, StringComparer.Ordinal))
        {
            if (!excess.IsPositive) break;
            if (payment.Allocations.GetValueOrDefault(reference.Value) is not { } allocation) continue;
            var take = Money.Min(excess, allocation.Amount);
            e.Emit(new PaymentDeallocated(payment.Id, reference, take, reason));
            excess -= take;
        }
    }

    /// <summary>Collects events while folding them, so that later rules in one decision see the earlier events' effect.</summary>
    private sealed class Emitter(TenantAccount state)
    {
        private readonly List<object> _events = [];

        public TenantAccount State { get; private set; } = state;

        public void Emit(object @event)
        {
            _events.Add(@event);
            State = TenantAccount.Evolve(State, @event);
        }

        public Decision Decision => new Decision.Accepted(_events);
    }
}
