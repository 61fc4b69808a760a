namespace RentGenerator;

/// <summary>
/// What each tenant still owes, kept as the ledger would (README "Allocation policy"): a payment pays the notices it names,
/// then the open notices oldest due first; the rest is credit, which pays the next notice when it is issued. A reversal
/// takes back exactly what its payment was given. This is how the truth's allocations and balances are computed.
/// </summary>
public sealed class Book
{
    private readonly Dictionary<string, List<(GenNotice Notice, long Remaining)>> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _credit = new(StringComparer.Ordinal);

    public void Issue(GenNotice n)
    {
        var tenant = n.Tenant.Value;
        if (!_open.TryGetValue(tenant, out var list)) _open[tenant] = list = [];
        var remaining = n.TotalCents;
        var credit = _credit.GetValueOrDefault(tenant);
        var used = Math.Min(credit, remaining);
        _credit[tenant] = credit - used;
        list.Add((n, remaining - used));
    }

    public IReadOnlyList<(GenNotice Notice, long Remaining)> Open(string tenant) =>
        _open.TryGetValue(tenant, out var list) ? list.Where(x => x.Remaining > 0).ToList() : [];

    public long OpenTotal(string tenant) => Open(tenant).Sum(x => x.Remaining);

    public long Remaining(GenNotice n) =>
        _open.TryGetValue(n.Tenant.Value, out var list) ? list.FirstOrDefault(x => x.Notice == n).Remaining : 0;

    public long Credit(string tenant) => _credit.GetValueOrDefault(tenant);

    /// <summary>Whether the amount equals what the named notices, one open notice, or all open notices still need.</summary>
    public bool AmountConfirms(string tenant, IReadOnlyList<GenNotice> named, long cents)
    {
        var open = Open(tenant);
        if (named.Count > 0 && named.Sum(Remaining) == cents) return true;
        return open.Any(x => x.Remaining == cents) || (open.Count > 0 && open.Sum(x => x.Remaining) == cents);
    }

    public List<TruthAllocation> Pay(string tenant, IReadOnlyList<GenNotice> named, long cents)
    {
        var result = new List<TruthAllocation>();
        if (!_open.TryGetValue(tenant, out var list)) _open[tenant] = list = [];
        var left = cents;
        var order = named.Concat(list.Select(x => x.Notice).Where(n => !named.Contains(n))).ToList();
        foreach (var n in order)
        {
            if (left == 0) break;
            var i = list.FindIndex(x => x.Notice == n);
            if (i < 0 || list[i].Remaining == 0) continue;
            var take = Math.Min(left, list[i].Remaining);
            list[i] = (n, list[i].Remaining - take);
            result.Add(new TruthAllocation(tenant, n.Reference.Value, take));
            left -= take;
        }
        if (left > 0)
        {
            _credit[tenant] = checked(_credit.GetValueOrDefault(tenant) + left);
            result.Add(new TruthAllocation(tenant, null, left));
        }
        return result;
    }

    /// <summary>Undoes a payment's allocations (returned debit, unpaid cheque, chargeback); the truth gets them negated.</summary>
    public List<TruthAllocation> Reverse(IReadOnlyList<TruthAllocation> paid)
    {
        foreach (var a in paid)
        {
            if (a.Notice is null)
            {
                _credit[a.Tenant] = checked(_credit.GetValueOrDefault(a.Tenant) - a.Cents);
                continue;
            }
            var list = _open[a.Tenant];
            var i = list.FindIndex(x => x.Notice.Reference.Value == a.Notice);
            list[i] = (list[i].Notice, checked(list[i].Remaining + a.Cents));
        }
        return paid.Select(a => a with { Cents = -a.Cents }).ToList();
    }

    /// <summary>The landlord pays a tenant's credit back (an outgoing transfer).</summary>
    public List<TruthAllocation> Refund(string tenant, long cents)
    {
        _credit[tenant] = checked(_credit.GetValueOrDefault(tenant) - cents);
        return [new TruthAllocation(tenant, null, -cents)];
    }
}
