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

    public void Remember(PriorPayment p)
    {
        if (p.EndToEndId != null) _byE2E.TryAdd(p.EndToEndId, p);
        if (p.BankReference != null) _byBankRef.TryAdd(p.BankReference, p);
    }

    public (MatchDecision, List<Allocation>, int) Match(PaymentUnit unit, List<string> evidence)
    {
        var reason = unit.ReturnReason is { } r ? $" (reason {r}{ReturnReasons.Describe(r)})" : "";
        PriorPayment? original = null;
        if (unit.EndToEndId != null && _byE2E.TryGetValue(unit.EndToEndId, out var p)) original = p;
        original ??= unit.Texts.Select(t => _byBankRef.GetValueOrDefault(t) ?? _byE2E.GetValueOrDefault(t)).FirstOrDefault(x => x != null);
        var amount = unit.Amount.Cents < 0 ? unit.Amount : -unit.Amount;
        if (original != null)
        {
            evidence.Add($"return{reason} of the payment of {original.Date:uuuu-MM-dd} ({Money.FormatCents(original.Amount.Cents)}) of tenant {original.Tenant}" +
                (original.Notice != null ? $", notice {original.Notice}" : ""));
            if (original.Notice != null && index.Remaining.TryGetValue(original.Notice, out var due))
            {
                index.Remaining[original.Notice] = checked(due - amount.Cents);
            }
            return (MatchDecision.Auto, [new Allocation(original.Tenant, original.Notice, amount)], 95);
        }
        var id = identifier.Identify(unit with { Amount = -amount });
        evidence.Add($"return or reject{reason}; original payment not found");
        evidence.AddRange(id.Evidence);
        if (id.Tenant == null) return (MatchDecision.Unmatched, [], 0);
        return (MatchDecision.Suggested, [new Allocation(id.Tenant.Reference, id.Notices.FirstOrDefault()?.Notice, amount)], Math.Min(id.Confidence, 70));
    }
}

internal static class ReturnReasons
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["AC01"] = "wrong account number", ["AC04"] = "account closed", ["AC06"] = "account blocked", ["AG01"] = "transaction forbidden",
        ["AM04"] = "insufficient funds", ["AM05"] = "duplicate", ["MD01"] = "no mandate", ["MD06"] = "refund requested by the payer",
        ["MD07"] = "payer deceased", ["MS02"] = "reason not given by the payer", ["MS03"] = "reason not given by the bank",
    };

    public static string Describe(string code) => Labels.TryGetValue(code, out var l) ? ", " + l : "";
}
