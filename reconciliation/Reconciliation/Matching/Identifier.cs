using Primitives;

namespace Reconciliation.Matching;

/// <summary>
/// Evidence, strongest first: RF creditor reference; notice or tenant reference in the texts; payer IBAN already seen
/// for a tenant; payer name (fuzzy) with the amount. An RF (check digits) is enough alone. A tenant or notice reference has
/// no check digit, so it moves money only when something independent confirms it: the amount due, a known IBAN of that
/// tenant, or, for a reference written as printed or with only spaces, a slash or zeros missing, the payer's own name
/// when no other tenant bears it.
/// A reference that needed a character changed (O/0, I/1) is never confirmed by the name alone. Contradictions (several
/// tenants, an IBAN known for another tenant) are never automatic; name and amount is at most a suggestion.
/// </summary>
internal sealed partial class Identifier(BookIndex index)
{
    public Identification Identify(PaymentUnit unit)
    {
        var evidence = new List<string>();
        var notices = new List<OpenNotice>();
        var rfFound = false;
        var confidence = 0;

        foreach (var rf in EvidenceFinder.RfReferences(unit.CreditorReference, unit.Texts).Distinct())
        {
            if (index.ByRf.TryGetValue(rf, out var n) && !notices.Contains(n))
            {
                notices.Add(n);
                evidence.Add($"la référence {new RfReference(rf).ToPrintedForm()} est celle de l'avis {n.Notice} du locataire {n.Tenant}");
                rfFound = true;
                confidence = 99;
            }
        }

        var tenants = new List<Tenant>();
        var substituted = false;
        foreach (var candidate in EvidenceFinder.ReferenceKeys(unit.Texts))
        {
            var key = candidate.Key;
            if (index.ByNoticeKey.TryGetValue(key, out var n) && !notices.Contains(n))
            {
                var raw = candidate.Raw;
                notices.Add(n);
                var fix = TextKeys.NeededSubstitution(raw, n.Notice.Value);
                substituted |= fix;
                evidence.Add($"« {raw} » est la référence de l'avis {n.Notice} du locataire {n.Tenant}{Reading(raw, n.Notice.Value, fix)}");
                confidence = Math.Max(confidence, fix ? 85 : 95);
            }
            else if (index.ByTenantKey.TryGetValue(key, out var t) && !tenants.Contains(t))
            {
                var raw = candidate.Raw;
                tenants.Add(t);
                var fix = TextKeys.NeededSubstitution(raw, t.Reference.Value);
                substituted |= fix;
                evidence.Add($"« {raw} » est la référence du locataire {t.Reference}{Reading(raw, t.Reference.Value, fix)}");
                confidence = Math.Max(confidence, fix ? 85 : 90);
            }
        }
        foreach (var n in notices)
        {
            if (index.TenantOf(n.Tenant) is { } t && !tenants.Contains(t)) tenants.Add(t);
        }

        var byIban = unit.Iban is { } iban && index.ByIban.TryGetValue(iban.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant(), out var l) ? l : [];
        if (tenants.Count > 1)
        {
            evidence.Add("les références désignent plusieurs locataires (" + string.Join(", ", tenants.Select(t => t.Reference.Value)) + ")" + French.Colon + "un comptable doit choisir");
            return new Identification(tenants[0], notices.Where(n => n.Tenant == tenants[0].Reference).ToList(), false, 40, evidence);
        }
        if (tenants.Count == 1) return ByReference(unit, tenants[0], notices, byIban, rfFound, substituted, confidence, evidence);

        if (byIban.Count == 1)
        {
            var tenant = byIban[0];
            var exact = AmountMatches(unit, tenant, []);
            evidence.Add($"IBAN du payeur déjà vu pour le locataire {tenant.Reference}" + French.Semicolon + (exact ? "montant égal au montant dû" : "montant différent du montant dû"));
            return new Identification(tenant, [], exact, exact ? 85 : 60, evidence);
        }
        if (byIban.Count > 1)
        {
            evidence.Add("IBAN du payeur connu pour plusieurs locataires" + French.Colon + string.Join(", ", byIban.Select(t => t.Reference.Value)));
            return new Identification(byIban[0], [], false, 40, evidence);
        }
        return ByName(unit, evidence);
    }

    private Identification ByReference(PaymentUnit unit, Tenant tenant, List<OpenNotice> notices, List<Tenant> byIban, bool rfFound,
        bool substituted, int confidence, List<string> evidence)
    {
        if (byIban.Count > 0 && !byIban.Contains(tenant))
        {
            evidence.Add($"mais l'IBAN du payeur est connu pour le locataire {byIban[0].Reference}" + French.Colon + "les deux ne concordent pas");
            return new Identification(tenant, notices, false, 50, evidence);
        }
        var ibanAgrees = byIban.Contains(tenant);
        if (ibanAgrees) evidence.Add($"IBAN du payeur déjà vu pour le locataire {tenant.Reference}");
        if (rfFound) return new Identification(tenant, notices, true, confidence, evidence);
        // Tenant and notice references carry no check digit: one mistyped digit is another tenant's reference, so an
        // independent piece of evidence must confirm it.
        var amountAgrees = AmountMatches(unit, tenant, notices);
        var nameAgrees = !substituted && NameAgrees(unit, tenant);
        if (amountAgrees) evidence.Add(substituted ? "le montant égal au montant dû confirme la référence corrigée" : "le montant égal au montant dû confirme la référence");
        else if (nameAgrees) evidence.Add($"le nom du payeur est celui du locataire {tenant.Reference}, ce qui confirme la référence");
        var strong = amountAgrees || ibanAgrees || nameAgrees;
        if (!strong)
        {
            evidence.Add(substituted
                ? "ni le montant ni un IBAN connu ne confirment la référence corrigée"
                : "la référence n'a pas de clé de contrôle et ni le montant, ni le nom du payeur, ni un IBAN connu ne la confirment");
            confidence = Math.Min(confidence, 75);
        }
        return new Identification(tenant, notices, strong, confidence, evidence);
    }

    private static string Reading(string raw, string reference, bool substituted) =>
        substituted ? " (lue en corrigeant O/0 ou I/1)"
        : raw.ToUpperInvariant() != reference ? " (lue malgré des espaces, une barre oblique ou des zéros manquants)" : "";

    /// <summary>
    /// The payer's name is exactly the tenant's (accents, case, titles and order aside) and no other tenant bears it: a
    /// mistyped reference that lands on a homonym, or on a near-homonym (MARTIN, MARTON), is never confirmed by the name.
    /// </summary>
    private bool NameAgrees(PaymentUnit unit, Tenant tenant)
    {
        var tokens = TextKeys.NameTokens(unit.Name);
        if (tokens.Count == 0) return false;
        var key = string.Join(' ', tokens);
        return key == string.Join(' ', index.NameTokens[tenant]) && index.NameCounts.GetValueOrDefault(key) == 1;
    }

    private bool AmountMatches(PaymentUnit unit, Tenant tenant, IReadOnlyList<OpenNotice> referenced)
    {
        var open = referenced.Count > 0 ? referenced : index.OpenNoticesOf(tenant.Reference);
        if (open.Count == 0) return false;
        var cents = unit.Amount.Cents;
        if (open.Any(n => index.Remaining[n.Notice] == cents)) return true;
        if (open.Aggregate(0L, (a, n) => checked(a + index.Remaining[n.Notice])) == cents) return true;
        // Two months in one transfer naming only this month's notice: what the tenant owes in all.
        var all = index.OpenNoticesOf(tenant.Reference);
        return referenced.Count > 0 && all.Aggregate(0L, (a, n) => checked(a + index.Remaining[n.Notice])) == cents;
    }
}
