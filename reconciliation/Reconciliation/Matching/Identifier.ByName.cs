using System.Globalization;

namespace Reconciliation.Matching;

/// <summary>The weakest evidence: the payer's name. Never enough for an automatic match.</summary>
internal sealed partial class Identifier
{
    private Identification ByName(PaymentUnit unit, List<string> evidence)
    {
        var tokens = TextKeys.NameTokens(unit.Name);
        if (tokens.Count == 0)
        {
            evidence.Add("no reference, no known IBAN and no payer name");
            return Identification.None(evidence);
        }
        // Candidates come from the rarest token first (usually the surname): a few hundred tenants at most, never all.
        // If the rarest token finds nobody close enough (a typo in it), the next token's tenants are tried.
        var lists = tokens.Where(t => t.Length >= 3).Distinct()
            .Select(t => index.ByNameToken.TryGetValue(t, out var list) ? list : null)
            .Where(l => l != null).OrderBy(l => l!.Count).ToList();
        var scored = new List<(Tenant Tenant, int Score)>();
        foreach (var list in lists)
        {
            scored = list!.Select(t => (Tenant: t, Score: TextKeys.NameScore(tokens, index.NameTokens[t])))
                .Where(x => x.Score >= 80).OrderByDescending(x => x.Score).ThenBy(x => x.Tenant.Reference.Value, StringComparer.Ordinal).ToList();
            if (scored.Count > 0) break;
        }
        if (scored.Count == 0)
        {
            evidence.Add("payer name matches no tenant");
            return Identification.None(evidence);
        }
        var top = scored.Where(x => x.Score == scored[0].Score).ToList();
        var withAmount = top.Where(x => AmountMatches(unit, x.Tenant, [])).ToList();
        if (top.Count > 1)
        {
            evidence.Add($"{top.Count} tenants have this name ({string.Join(", ", top.Select(x => x.Tenant.Reference.Value))}): never matched automatically");
            var pick = withAmount.Count == 1 ? withAmount[0].Tenant : top[0].Tenant;
            if (withAmount.Count == 1) evidence.Add($"only tenant {pick.Reference} has this amount due");
            return new Identification(pick, [], false, withAmount.Count == 1 ? 45 : 20, evidence);
        }
        var tenant = top[0].Tenant;
        var exact = withAmount.Count == 1;
        evidence.Add(string.Create(CultureInfo.InvariantCulture, $"payer name resembles tenant {tenant.Reference} ({top[0].Score} %)")
            + (exact ? "; amount equal to the amount due" : "; amount differs from what is due") + ": a suggestion only");
        return new Identification(tenant, [], false, exact ? 60 : 30, evidence);
    }
}
