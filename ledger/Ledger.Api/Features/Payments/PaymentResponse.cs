using Ledger.Api.Infrastructure;
using Ledger.Api.Projections;

namespace Ledger.Api.Features.Payments;

public sealed record AllocationResponse(string NoticeReference, string Amount);

/// <summary>A payment as the ledger holds it: amount, what was reversed or refunded, where it was allocated, what is credit.</summary>
public sealed record PaymentResponse(
    string PaymentId, string TenantReference, string Channel, string Amount, string Currency, string ReceivedOn, string Status,
    string Reversed, string Refunded, string Unallocated, IReadOnlyList<AllocationResponse> Allocations)
{
    public static PaymentResponse From(PaymentView p) => new(
        p.Id, p.TenantReference, p.Channel, Input.Format(p.AmountCents), p.Currency, p.ReceivedOn.ToString("yyyy-MM-dd", null), p.Status,
        Input.Format(p.ReversedCents), Input.Format(p.RefundedCents), Input.Format(p.UnallocatedCents),
        p.Allocations.Select(a => new AllocationResponse(a.NoticeReference, Input.Format(a.AmountCents))).ToList());
}
