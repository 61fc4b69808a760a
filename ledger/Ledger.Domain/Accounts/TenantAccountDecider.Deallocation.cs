using Primitives;

namespace Ledger.Domain.Accounts;

public static partial class TenantAccountDecider
{
    /// <summary>
    /// Undoes one allocation (a reconciliation match judged wrong) without touching the payment's other allocations. The
    /// money stays on the account as credit: no automatic re-settling here, or the undo would put it straight back on the
    /// same notice. Not idempotent by id: the caller reads the payment before and sends it only while the allocation is there.
    /// </summary>
    private static Decision Deallocate(TenantAccount s, DeallocatePayment c)
    {
        if (Missing(s) is { } missing) return missing;
        if (s.Payment(c.PaymentId) is not { } payment) return Decision.NotFound("paymentId", "no such payment on this account");
        if (Amount(s, c.Amount, "amount") is { } bad) return bad;
        if (Text(c.Reason, "reason", required: true) is { } badReason) return badReason;
        var allocated = payment.Allocations.GetValueOrDefault(c.NoticeReference.Value)?.Amount ?? Money.Zero(s.Currency);
        if (c.Amount > allocated) return Decision.Conflict("amount", "the payment has less than this amount on this notice");
        return new Decision.Accepted([new PaymentDeallocated(payment.Id, c.NoticeReference, c.Amount, c.Reason)]);
    }
}
