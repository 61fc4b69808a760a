using Primitives;

namespace Reconciliation.Matching;

/// <summary>
/// Evidence, strongest first: RF creditor reference; notice or tenant reference in the texts; payer IBAN already seen
/// for a tenant; payer name (fuzzy) with the amount. Only the first three can make an automatic match, and only when
/// they do not contradict each other; name and amount is at most a suggestion.
/// </summary>
internal sealed partial class Identifier(BookIndex index)
{
    public Identification Identify(PaymentUnit unit)
    {
        var evidence = new List<string>();
        var notices = new List<OpenNotice>();
        var strong = false;
        var rfFound = false;
        var confidence = 0;

        foreach (var rf in EvidenceFinder.RfReferences(unit.CreditorReference, unit.Texts).Distinct())
        {
            if (index.ByRf.TryGetValue(rf, out var n) && !notices.Contains(n))
            {
                notices.Add(n);
                evidence.Add($"{new RfReference(rf).ToPrintedForm()} is the reference of notice {n.Notice} of tenant {n.Tenant}");
                strong = true;
                rfFound = true;
                confidence = 99;
            }
        }

        var tenants = new List<Tenant>();
        var corrected = false;
        foreach (var (key, raw) in EvidenceFinder.ReferenceKeys(unit.Texts))
        {
            if (index.ByNoticeKey.TryGetValue(key, out var n) && !notices.Contains(n))
            {
                notices.Add(n);
                var fix = TextKeys.NeededCorrection(raw, TextKeys.ReferenceKey(n.Notice.Value)) && TextKeys.NeededCorrection(raw, key);
                corrected |= fix;
                evidence.Add($"\"{raw}\" is notice {n.Notice} of tenant {n.Tenant}{(fix ? " (read with spaces, zeros or O/0, I/1 corrected)" : "")}");
                confidence = Math.Max(confidence, fix ? 85 : 95);
                strong |= !fix;
            }
            else if (index.ByTenantKey.TryGetValue(key, out var t) && !tenants.Contains(t))
            {
                tenants.Add(t);
                var plain = raw.ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal);
                var fix = plain != t.Reference.Value;
                corrected |= fix;
                evidence.Add($"\"{raw}\" is the reference of tenant {t.Reference}{(fix ? " (read with spaces, a missing slash, zeros or O/0, I/1 corrected)" : "")}");
                confidence = Math.Max(confidence, fix ? 85 : 90);
                strong |= !fix;
            }
        }
        foreach (var n in notices)
        {
            if (index.TenantOf(n.Tenant) is { } t && !tenants.Contains(t)) tenants.Add(t);
        }

        var byIban = unit.Iban is { } iban && index.ByIban.TryGetValue(iban.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant(), out var l) ? l : [];
        if (tenants.Count > 1)
        {
            evidence.Add("the references point to several tenants: " + string.Join(", ", tenants.Select(t => t.Reference.Value)) + "; an accountant must choose");
            return new Identification(tenants[0], notices.Where(n => n.Tenant == tenants[0].Reference).ToList(), false, 40, evidence);
        }
        if (tenants.Count == 1)
        {
            var tenant = tenants[0];
            if (byIban.Count > 0 && !byIban.Contains(tenant))
            {
                evidence.Add($"but the payer IBAN is known for tenant {byIban[0].Reference}: the two do not agree");
                return new Identification(tenant, notices, false, 50, evidence);
            }
            var ibanAgrees = byIban.Contains(tenant);
            if (ibanAgrees) evidence.Add($"payer IBAN already seen for tenant {tenant.Reference}");
            if (!rfFound)
            {
                // Tenant and notice references carry no check digit: one mistyped digit is another tenant's reference.
                // Without an RF, the reference is trusted automatically only when the amount or the IBAN confirms it.
                var amountAgrees = AmountMatches(unit, tenant, notices);
                strong = amountAgrees || (ibanAgrees && !corrected);
                if (!strong)
                {
                    evidence.Add(corrected
                        ? "amount does not confirm the corrected reference"
                        : "the reference has no check digit and neither the amount nor a known IBAN confirms it");
                    confidence = Math.Min(confidence, 75);
                }
                else if (corrected && amountAgrees)
                {
                    evidence.Add("amount equal to the amount due confirms the corrected reference");
                }
            }
            return new Identification(tenant, notices, strong, confidence, evidence);
        }

        if (byIban.Count == 1)
        {
            var tenant = byIban[0];
            var exact = AmountMatches(unit, tenant, []);
            evidence.Add($"payer IBAN already seen for tenant {tenant.Reference}" + (exact ? "; amount equal to the amount due" : "; amount differs from what is due"));
            return new Identification(tenant, [], exact, exact ? 85 : 60, evidence);
        }
        if (byIban.Count > 1)
        {
            evidence.Add("payer IBAN known for several tenants: " + string.Join(", ", byIban.Select(t => t.Reference.Value)));
            return new Identification(byIban[0], [], false, 40, evidence);
        }
        return ByName(unit, evidence);
    }

    private bool AmountMatches(PaymentUnit unit, Tenant tenant, IReadOnlyList<OpenNotice> referenced)
    {
        var open = referenced.Count > 0 ? referenced : index.OpenNoticesOf(tenant.Reference);
        if (open.Count == 0) return false;
        var cents = unit.Amount.Cents;
        if (open.Any(n => index.Remaining[n.Notice] == cents)) return true;
        return open.Aggregate(0L, (a, n) => checked(a + index.Remaining[n.Notice])) == cents;
    }
}
