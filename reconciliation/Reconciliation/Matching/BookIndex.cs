using Primitives;

namespace Reconciliation.Matching;

/// <summary>
/// Hash indexes over the open items, built once: every lookup the engine makes is O(1) or O(tokens of a text), so the
/// cost grows with entries + open items, never with their product.
/// </summary>
internal sealed class BookIndex
{
    public Dictionary<string, OpenNotice> ByRf { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, OpenNotice> ByNoticeKey { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Tenant> ByTenantKey { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Tenant> ByReference { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<Tenant>> ByIban { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<Tenant>> ByNameToken { get; } = new(StringComparer.Ordinal);
    public Dictionary<Tenant, IReadOnlyList<string>> NameTokens { get; } = [];

    /// <summary>How many tenants bear each exact name (its sorted tokens): a name confirms a reference only when it is unique.</summary>
    public Dictionary<string, int> NameCounts { get; } = new(StringComparer.Ordinal);

    /// <summary>Tenants by exact name key: a payer who writes a tenant's name as it is needs no fuzzy scan.</summary>
    public Dictionary<string, List<Tenant>> ByNameKey { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<OpenNotice>> NoticesByTenant { get; } = new(StringComparer.Ordinal);

    /// <summary>What is still due per notice; decreases as the engine allocates, so two payments for one notice add up.</summary>
    public Dictionary<NoticeReference, long> Remaining { get; } = [];

    public BookIndex(MatchingBook book)
    {
        foreach (var t in book.Tenants)
        {
            ByReference.TryAdd(t.Reference.Value, t);
            ByTenantKey.TryAdd(TextKeys.ReferenceKey(t.Reference.Value), t);
            foreach (var iban in t.KnownIbans)
            {
                var key = iban.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
                if (!ByIban.TryGetValue(key, out var list)) ByIban[key] = list = [];
                list.Add(t);
            }
            var tokens = TextKeys.NameTokens(t.Name);
            NameTokens[t] = tokens;
            var nameKey = string.Join(' ', tokens);
            NameCounts[nameKey] = NameCounts.GetValueOrDefault(nameKey) + 1;
            if (!ByNameKey.TryGetValue(nameKey, out var same)) ByNameKey[nameKey] = same = [];
            same.Add(t);
            foreach (var token in tokens.Where(x => x.Length >= 3).Distinct())
            {
                if (!ByNameToken.TryGetValue(token, out var list)) ByNameToken[token] = list = [];
                list.Add(t);
            }
        }
        foreach (var n in book.Notices.OrderBy(n => n.DueDate).ThenBy(n => n.Notice.Value, StringComparer.Ordinal))
        {
            if (n.Rf != null) ByRf.TryAdd(n.Rf.Value, n);
            ByNoticeKey.TryAdd(TextKeys.ReferenceKey(n.Notice.Value), n);
            if (!NoticesByTenant.TryGetValue(n.Tenant.Value, out var list)) NoticesByTenant[n.Tenant.Value] = list = [];
            list.Add(n);
            Remaining.TryAdd(n.Notice, n.AmountDue.Cents);
        }
    }

    public IReadOnlyList<OpenNotice> OpenNoticesOf(TenantReference tenant) =>
        NoticesByTenant.TryGetValue(tenant.Value, out var list) ? list.Where(n => Remaining[n.Notice] > 0).ToList() : [];

    public Tenant? TenantOf(TenantReference reference) => ByReference.GetValueOrDefault(reference.Value);
}
