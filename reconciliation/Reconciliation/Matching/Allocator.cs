using Primitives;

namespace Reconciliation.Matching;

/// <summary>
/// Spreads a payment over a tenant's notices: the referenced ones, else the open ones oldest first. What is left becomes
/// credit on the tenant's account (overpayment); less than due is a partial payment. Only automatic matches consume
/// what is due, so a suggestion never hides a notice from a later, certain payment.
/// </summary>
internal static class Allocator
{
    public static List<Allocation> Allocate(BookIndex index, Tenant tenant, IReadOnlyList<OpenNotice> referenced, Money amount, bool commit, List<string> evidence)
    {
        var allocations = new List<Allocation>();
        var left = amount.Cents;
        var targets = referenced.Count > 0 ? referenced : index.OpenNoticesOf(tenant.Reference);
        foreach (var n in targets)
        {
            if (left <= 0) break;
            var due = index.Remaining[n.Notice];
            if (due <= 0)
            {
                evidence.Add($"notice {n.Notice} is already paid");
                continue;
            }
            var take = Math.Min(due, left);
            allocations.Add(new Allocation(tenant.Reference, n.Notice, new Money(take, amount.Currency)));
            if (take == due && take == n.AmountDue.Cents && targets.Count == 1 && left == take) evidence.Add("amount equal to the amount due");
            else if (take < due) evidence.Add($"partial payment: {Money.FormatCents(take)} of {Money.FormatCents(due)} due on notice {n.Notice}");
            if (commit) index.Remaining[n.Notice] = due - take;
            left -= take;
        }
        if (left > 0)
        {
            allocations.Add(new Allocation(tenant.Reference, null, new Money(left, amount.Currency)));
            evidence.Add($"{Money.FormatCents(left)} more than what is due: becomes credit on the account of tenant {tenant.Reference}");
        }
        return allocations;
    }
}
