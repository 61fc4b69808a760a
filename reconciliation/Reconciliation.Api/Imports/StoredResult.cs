using Primitives;
using Reconciliation.Matching;
using Reconciliation.Statements;

namespace Reconciliation.Api.Imports;

/// <summary>One allocation as stored and shown: tenant, notice (null = credit) and cents.</summary>
public sealed record StoredAllocation(string Tenant, string? Notice, long Cents);

/// <summary>One payment of an entry (the whole entry, or one transaction of a batch) with the engine's answer.</summary>
public sealed record StoredUnit(
    int Index, string? Reference, string Channel, long Cents, string Decision, int Confidence, IReadOnlyList<string> Evidence,
    IReadOnlyList<StoredAllocation> Allocations, string? EndToEndId, string? ChequeNumber, string? ReturnReason);

/// <summary>What the reconciliation database keeps of a match: the decision of the entry and of each of its payments.</summary>
public sealed record StoredResult(string Decision, int Confidence, IReadOnlyList<string> Evidence, IReadOnlyList<StoredUnit> Units)
{
    public static StoredResult From(StatementEntry entry, MatchResult result, IReadOnlyDictionary<string, StatementEntry> details)
    {
        var batchChannel = Channels.OfBatch(result.Evidence, entry);
        var units = new List<StoredUnit>();
        if (result.Transactions.Count > 0)
        {
            var detail = FindDetail(entry, result, details);
            foreach (var t in result.Transactions)
            {
                var tx = detail is not null && t.Index < detail.Transactions.Count ? detail.Transactions[t.Index] : null;
                var cents = tx?.Amount?.Cents ?? t.Allocations.Sum(a => a.Amount.Cents);
                units.Add(new StoredUnit(t.Index, t.Reference, batchChannel, cents, Name(t.Decision), t.Confidence, t.Evidence,
                    t.Allocations.Select(Of).ToList(), tx?.EndToEndId, tx?.ChequeNumber, tx?.ReturnReason ?? entry.ReturnReason));
            }
        }
        else
        {
            units.Add(new StoredUnit(0, entry.BankReference, Channels.OfEntry(entry), entry.Amount.Cents, Name(result.Decision), result.Confidence,
                result.Evidence, result.Allocations.Select(Of).ToList(), entry.EndToEndId, entry.ChequeNumber, entry.ReturnReason));
        }
        return new StoredResult(Name(result.Decision), result.Confidence, result.Evidence, units);
    }

    /// <summary>
    /// The fees the PSP kept out of a card payout the engine explained by its settlement batch: the card payments are in the
    /// ledger at their gross amount (467), the bank got the payout, so the fees are every non-cost row's gross amount less the
    /// payout (commissions inside the rows and the batch's own fee rows alike). Zero for anything else.
    /// </summary>
    public static long PayoutFees(StatementEntry entry, MatchResult result, IReadOnlyDictionary<string, StatementEntry> details)
    {
        if (!ExplainedBy(result, DetailLabels[0])) return 0;
        if (FindDetail(entry, result, details) is not { } payout) return 0;
        var gross = payout.Transactions.Where(t => !MatchingEngine.IsCost(t.Remittance.Count > 0 ? t.Remittance[0] : "")).Sum(t => t.Amount?.Cents ?? 0);
        return Math.Max(0, checked(gross - payout.Amount.Cents));
    }

    /// <summary>
    /// "Card" when the entry is the bank's credit of a PSP payout, "Cheque" for a cheque deposit slip: the two whose payments
    /// the ledger books on a clearing account (467, 5112) that the credit empties. Null for anything else.
    /// </summary>
    public static string? RemittanceFrom(StatementEntry entry, MatchResult result)
    {
        if (!entry.Amount.IsPositive) return null;
        return ExplainedBy(result, DetailLabels[0]) ? "Card" : ExplainedBy(result, DetailLabels[1]) ? "Cheque" : null;
    }

    /// <summary>True when the engine's first evidence says the credit is explained by a detail of that kind.</summary>
    private static bool ExplainedBy(MatchResult result, string detailLabel) =>
        result.Evidence.Count > 0 && result.Evidence[0].StartsWith(detailLabel + " ", StringComparison.Ordinal);

    public static string Name(MatchDecision d) => d switch
    {
        MatchDecision.Auto => "auto",
        MatchDecision.Suggested => "suggested",
        _ => "unmatched",
    };

    // The engine's words for the detail it used (MatchingEngine.KindLabel), followed by the detail's reference.
    private static readonly string[] DetailLabels =
        ["le versement du prestataire de paiement (lot)", "la remise de chèques", "la remise Eficash", "le lot de prélèvements"];

    private static StoredAllocation Of(Allocation a) => new(a.Tenant.Value, a.Notice?.Value, a.Amount.Cents);

    /// <summary>The detail entry (slip, Eficash day, payout batch) whose transactions the engine's answers index.</summary>
    private static StatementEntry? FindDetail(StatementEntry entry, MatchResult result, IReadOnlyDictionary<string, StatementEntry> details)
    {
        if (entry.Transactions.Count > 1) return entry;
        if (result.Evidence.Count == 0) return null;
        var first = result.Evidence[0];
        foreach (var label in DetailLabels)
        {
            if (!first.StartsWith(label + " ", StringComparison.Ordinal)) continue;
            var rest = first[(label.Length + 1)..];
            var end = rest.IndexOf(" de ", StringComparison.Ordinal);
            if (end > 0 && details.TryGetValue(rest[..end], out var detail)) return detail;
        }
        return null;
    }
}

/// <summary>The ledger's channel of a payment, from what the entry and the engine's evidence say.</summary>
public static class Channels
{
    public static string OfEntry(StatementEntry e)
    {
        if (e.ChequeNumber is { Length: > 0 }) return nameof(PaymentChannel.Cheque);
        var texts = string.Join(' ', e.Remittance).ToUpperInvariant();
        if (texts.Contains("EFICASH", StringComparison.Ordinal)) return nameof(PaymentChannel.Eficash);
        if (texts.Contains("TIP", StringComparison.Ordinal)) return nameof(PaymentChannel.TipSepa);
        if (texts.Contains("PRLV", StringComparison.Ordinal) || texts.Contains("PRELEVEMENT", StringComparison.Ordinal)) return nameof(PaymentChannel.DirectDebit);
        return nameof(PaymentChannel.Transfer);
    }

    public static string OfBatch(IReadOnlyList<string> evidence, StatementEntry e)
    {
        var first = evidence.Count > 0 ? evidence[0] : "";
        var texts = string.Join(' ', e.Remittance).ToUpperInvariant();
        if (first.Contains("prestataire de paiement", StringComparison.Ordinal)) return nameof(PaymentChannel.Card);
        if (first.Contains("chèques", StringComparison.Ordinal)) return nameof(PaymentChannel.Cheque);
        if (first.Contains("Eficash", StringComparison.Ordinal)) return nameof(PaymentChannel.Eficash);
        if (texts.Contains("TIP", StringComparison.Ordinal)) return nameof(PaymentChannel.TipSepa);
        return nameof(PaymentChannel.DirectDebit);
    }

    /// <summary>Channel names as an accountant or a tenant reads them.</summary>
    public static string French(string channel) => channel switch
    {
        nameof(PaymentChannel.Card) => "carte bancaire",
        nameof(PaymentChannel.Transfer) => "virement",
        nameof(PaymentChannel.Cheque) => "chèque",
        nameof(PaymentChannel.TipSepa) => "TIP SEPA",
        nameof(PaymentChannel.Eficash) => "Eficash (espèces à La Poste)",
        nameof(PaymentChannel.DirectDebit) => "prélèvement",
        _ => channel,
    };
}
