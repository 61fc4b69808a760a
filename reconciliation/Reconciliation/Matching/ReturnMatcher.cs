using Primitives;

namespace Reconciliation.Matching;

/// <summary>
/// Returns and rejects (CFONB 03/B3, camt RvslInd/RtrInf, MT940 RD/RC) are traced to the original payment: by end-to-end
/// id or bank reference (automatic), else by a reference in the texts (suggested). The notice is re-opened.
/// </summary>
internal sealed class ReturnMatcher(BookIndex index, Identifier identifier)
{
    private readonly Dictionary<string, PriorPayment> _byE2E = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PriorPayment> _byBankRef = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PriorPayment> _byCheque = new(StringComparer.Ordinal);

    /// <summary>A cheque paid in this run: an unpaid cheque names its number, not the deposit's references.</summary>
    public void RememberCheque(string number, PriorPayment p) => _byCheque.TryAdd(number.TrimStart('0'), p);

    public void Remember(PriorPayment p)
    {
        if (p.EndToEndId != null) _byE2E.TryAdd(p.EndToEndId, p);
        if (p.BankReference != null) _byBankRef.TryAdd(p.BankReference, p);
    }

    public (MatchDecision, List<Allocation>, int) Match(PaymentUnit unit, List<string> evidence)
    {
        var reason = unit.ReturnReason is { } r ? $" (motif {r}{ReturnReasons.Describe(r)})" : "";
        PriorPayment? original = null;
        var what = "retour";
        if (unit.EndToEndId != null && _byE2E.TryGetValue(unit.EndToEndId, out var p)) original = p;
        original ??= unit.Texts.Select(t => _byBankRef.GetValueOrDefault(t) ?? _byE2E.GetValueOrDefault(t)).FirstOrDefault(x => x != null);
        var amount = unit.Amount.Cents < 0 ? unit.Amount : -unit.Amount;
        if (original == null && unit.ChequeNumber is { } cheque && _byCheque.TryGetValue(cheque.TrimStart('0'), out var c) && c.Amount.Cents == -amount.Cents)
        {
            // The number alone would be a weak key; with the same amount it is the cheque this run saw deposited.
            original = c;
            what = $"chèque impayé n° {cheque}";
        }
        if (original != null)
        {
            evidence.Add($"{what}{reason} du paiement du {French.Date(original.Date)} ({French.Amount(original.Amount.Cents)}) du locataire {original.Tenant}" +
                (original.Notice != null ? $", avis {original.Notice}" : ""));
            if (original.Notice != null && index.Remaining.TryGetValue(original.Notice, out var due))
            {
                index.Remaining[original.Notice] = checked(due - amount.Cents);
            }
            return (MatchDecision.Auto, [new Allocation(original.Tenant, original.Notice, amount)], 95);
        }
        var id = identifier.Identify(unit with { Amount = -amount });
        evidence.Add($"retour ou rejet{reason}{French.Semicolon}paiement d'origine introuvable");
        evidence.AddRange(id.Evidence);
        if (id.Tenant == null) return (MatchDecision.Unmatched, [], 0);
        return (MatchDecision.Suggested, [new Allocation(id.Tenant.Reference, id.Notices.FirstOrDefault()?.Notice, amount)], Math.Min(id.Confidence, 70));
    }
}

/// <summary>The French text of an R-code, from the one table the ledger shows the tenant too (Primitives).</summary>
internal static class ReturnReasons
{
    public static string Describe(string code) => SepaReasonCodes.Find(code) is { } c ? ", " + c.French : "";
}
