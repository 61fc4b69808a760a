using Primitives;

namespace Reconciliation.Matching;

/// <summary>
/// Spreads a payment over a tenant's notices as the ledger does (README "Allocation policy"): the referenced notices
/// first, then the tenant's other open notices oldest due first; what is left becomes credit on the tenant's account
/// (overpayment); less than due is a partial payment. Only automatic matches consume what is due, so a suggestion never
/// hides a notice from a later, certain payment.
/// </summary>
internal static class Allocator
{
    public static List<Allocation> Allocate(BookIndex index, Tenant tenant, IReadOnlyList<OpenNotice> referenced, Money amount, bool commit, List<string> evidence)
    {
        var allocations = new List<Allocation>();
        var left = amount.Cents;
        var open = index.OpenNoticesOf(tenant.Reference);
        var targets = referenced.Concat(open.Where(n => !referenced.Contains(n))).ToList();
        foreach (var n in targets)
        {
            if (left <= 0) break;
            var due = index.Remaining[n.Notice];
            if (due <= 0)
            {
                if (referenced.Contains(n)) evidence.Add($"l'avis {n.Notice} est déjà payé");
                continue;
            }
            var take = Math.Min(due, left);
            allocations.Add(new Allocation(tenant.Reference, n.Notice, new Money(take, amount.Currency)));
            if (take == due && take == n.AmountDue.Cents && targets.Count == 1 && left == take) evidence.Add("montant égal au montant dû");
            else if (take < due) evidence.Add($"paiement partiel{French.Colon}{French.Amount(take)} sur {French.Amount(due)} dus sur l'avis {n.Notice}");
            if (commit) index.Remaining[n.Notice] = due - take;
            left -= take;
        }
        if (left > 0)
        {
            allocations.Add(new Allocation(tenant.Reference, null, new Money(left, amount.Currency)));
            evidence.Add($"{French.Amount(left)} de plus que le montant dû{French.Colon}crédit sur le compte du locataire {tenant.Reference}");
        }
        return allocations;
    }
}
