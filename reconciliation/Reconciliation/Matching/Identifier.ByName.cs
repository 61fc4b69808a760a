using System.Globalization;

namespace Reconciliation.Matching;

/// <summary>The weakest evidence: the payer's name. Never enough for an automatic match.</summary>
internal sealed partial class Identifier
{
    private const int CommonToken = 200;

    /// <summary>Whether the tenant bears at least two of the payer's tokens exactly.</summary>
    private static bool SharesAnother(IReadOnlyList<string> payer, IReadOnlyList<string> tenant)
    {
        var shared = 0;
        foreach (var p in payer)
        {
            foreach (var t in tenant)
            {
                if (p != t) continue;
                shared++;
                break;
            }
        }
        return shared >= 2;
    }

    private Identification ByName(PaymentUnit unit, List<string> evidence)
    {
        var tokens = TextKeys.NameTokens(unit.Name);
        if (tokens.Count == 0)
        {
            evidence.Add("aucune référence, aucun IBAN connu et aucun nom de payeur");
            return Identification.None(evidence);
        }
        // Candidates come from the rarest token first (usually the surname): a few hundred tenants at most, never all.
        // If the rarest token finds nobody close enough (a typo in it), the next token's tenants are tried.
        var lists = tokens.Where(t => t.Length >= 3).Distinct()
            .Select(t => index.ByNameToken.TryGetValue(t, out var list) ? list : null)
            .Where(l => l != null).OrderBy(l => l!.Count).ToList();
        var scored = new List<(Tenant Tenant, int Score)>();
        // The name as a tenant bears it: those tenants, without scoring hundreds of others who share the surname.
        if (index.ByNameKey.TryGetValue(string.Join(' ', tokens), out var bearers)) scored = bearers.Select(t => (t, 100)).ToList();
        foreach (var list in scored.Count > 0 ? [] : lists)
        {
            // A token hundreds of tenants share (a common surname) is no evidence alone: only those who also share another
            // of the payer's tokens exactly are scored, so the cost stays flat however large the landlord.
            var candidates = list!.Count <= CommonToken ? list : list.Where(t => SharesAnother(tokens, index.NameTokens[t])).ToList();
            scored = candidates.Select(t => (Tenant: t, Score: TextKeys.NameScore(tokens, index.NameTokens[t])))
                .Where(x => x.Score >= 80).OrderByDescending(x => x.Score).ThenBy(x => x.Tenant.Reference.Value, StringComparer.Ordinal).ToList();
            if (scored.Count > 0) break;
        }
        if (scored.Count == 0)
        {
            evidence.Add("le nom du payeur ne correspond à aucun locataire");
            return Identification.None(evidence);
        }
        var top = scored.Where(x => x.Score == scored[0].Score).ToList();
        var withAmount = top.Where(x => AmountMatches(unit, x.Tenant, [])).ToList();
        if (top.Count > 1)
        {
            evidence.Add($"{top.Count} locataires portent ce nom ({string.Join(", ", top.Select(x => x.Tenant.Reference.Value))})" + French.Colon
                + "jamais de rapprochement automatique");
            var pick = withAmount.Count == 1 ? withAmount[0].Tenant : top[0].Tenant;
            if (withAmount.Count == 1) evidence.Add($"seul le locataire {pick.Reference} doit ce montant");
            return new Identification(pick, [], false, withAmount.Count == 1 ? 45 : 20, evidence);
        }
        var tenant = top[0].Tenant;
        var exact = withAmount.Count == 1;
        evidence.Add(string.Create(CultureInfo.InvariantCulture, $"le nom du payeur ressemble à celui du locataire {tenant.Reference} ({top[0].Score}{French.Nnbsp}%)")
            + French.Semicolon + (exact ? "montant égal au montant dû" : "montant différent du montant dû") + French.Colon + "simple suggestion");
        return new Identification(tenant, [], false, exact ? 60 : 30, evidence);
    }
}
