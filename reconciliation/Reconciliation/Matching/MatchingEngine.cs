using Primitives;
using Reconciliation.Statements;

namespace Reconciliation.Matching;

/// <summary>
/// Decides, for each statement entry, which tenant and notice it pays: <c>auto</c> on strong evidence only,
/// <c>suggested</c> when an accountant must confirm, <c>unmatched</c> otherwise. Deterministic: entries are processed in
/// the order given and every choice among equals is broken by reference order. No clock, no randomness.
/// </summary>
public sealed class MatchingEngine
{
    private static readonly HashSet<string> CostTypes = new(StringComparer.Ordinal)
    {
        "Fee", "MiscCosts", "InvoiceDeduction", "DepositCorrection", "Balancetransfer", "AuthorisationSchemeFee", "ManualCorrected",
    };

    /// <summary>A settlement report's row type that is the PSP's cost (fee, commission), not a tenant's payment.</summary>
    public static bool IsCost(string type) => CostTypes.Contains(type);

    private readonly BookIndex _index;
    private readonly Identifier _identifier;
    private readonly ReturnMatcher _returns;
    private readonly RemittanceDetails _details;

    public MatchingEngine(MatchingBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        _index = new BookIndex(book);
        _identifier = new Identifier(_index);
        _returns = new ReturnMatcher(_index, _identifier);
        foreach (var p in book.PriorPayments) _returns.Remember(p);
        _details = new RemittanceDetails(book.RemittanceDetails);
    }

    public IReadOnlyList<MatchResult> Match(IEnumerable<StatementEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries.Select(MatchEntry).ToList();
    }

    public MatchResult MatchEntry(StatementEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var evidence = new List<string>();
        if (entry.Transactions.Count > 1 && entry.Transactions.All(t => t.Amount != null))
        {
            evidence.Add($"lot de {entry.Transactions.Count} opérations comptabilisé en une seule écriture");
            return Batch(entry, entry, evidence);
        }
        if (entry.Amount.Cents > 0 && _details.Find(entry) is { } detail)
        {
            evidence.Add($"{KindLabel(detail.Kind)} {detail.Entry.BankReference ?? detail.Entry.Id} de {French.Amount(detail.Entry.Amount.Cents)} explique ce crédit ({detail.Reason})");
            return Batch(entry, detail.Entry, evidence);
        }
        var (decision, allocations, confidence) = MatchUnit(PaymentUnit.Of(entry), entry, evidence);
        return new MatchResult(entry.Id, decision, allocations, confidence, evidence);
    }

    private MatchResult Batch(StatementEntry entry, StatementEntry detail, List<string> evidence)
    {
        if (detail.Transactions.Count == 0)
        {
            // A batch of one: the parsers flatten it into the detail entry itself (its end-to-end id, RF and payer are there).
            // Regression: the loop below then saw no transaction and answered "auto" with nothing to post, so a TIP SEPA
            // remittance of one payment never reached the ledger.
            var (d, a, c) = MatchUnit(PaymentUnit.Of(detail), entry, evidence);
            return new MatchResult(entry.Id, d, a, c, evidence);
        }
        var decision = MatchDecision.Auto;
        var allocations = new List<Allocation>();
        var transactions = new List<TransactionMatch>();
        var confidence = 100;
        for (var i = 0; i < detail.Transactions.Count; i++)
        {
            var tx = detail.Transactions[i];
            var type = tx.Remittance.Count > 0 ? tx.Remittance[0] : "";
            if (CostTypes.Contains(type))
            {
                var cost = $"opération {i + 1}{French.Colon}{type} {French.Amount(tx.Amount?.Cents ?? 0)} est un frais du prestataire de paiement, pas un paiement de locataire";
                evidence.Add(cost);
                continue;
            }
            var sub = new List<string>();
            var (d, a, c) = MatchUnit(PaymentUnit.Of(tx, detail, i), entry, sub);
            evidence.AddRange(sub.Select(s => $"opération {i + 1}{French.Colon}{s}"));
            transactions.Add(new TransactionMatch(i, tx.Reference ?? tx.EndToEndId ?? tx.ChequeNumber, d, a, d == MatchDecision.Unmatched ? 0 : c, sub));
            allocations.AddRange(a);
            confidence = Math.Min(confidence, c);
            decision = Worse(decision, d);
        }
        if (decision == MatchDecision.Unmatched && allocations.Count > 0) decision = MatchDecision.Suggested;
        return new MatchResult(entry.Id, decision, allocations, decision == MatchDecision.Unmatched ? 0 : confidence, evidence) { Transactions = transactions };
    }

    /// <summary>The detail kinds callers pass (<see cref="StatementEntryDetail.Kind"/>), as an accountant reads them.</summary>
    private static string KindLabel(string kind) => kind switch
    {
        "PSP payout" => "le versement du prestataire de paiement (lot)",
        "cheque deposit" => "la remise de chèques",
        "Eficash remittance" => "la remise Eficash",
        "direct-debit batch" or "batch" => "le lot de prélèvements",
        _ => kind,
    };

    private static MatchDecision Worse(MatchDecision a, MatchDecision b) => (MatchDecision)Math.Max((int)a, (int)b);

    private (MatchDecision, List<Allocation>, int) MatchUnit(PaymentUnit unit, StatementEntry entry, List<string> evidence)
    {
        if (unit.IsReturn || unit.Amount.Cents < 0)
        {
            if (!unit.IsReturn)
            {
                evidence.Add("débit qui n'est pas le retour d'un paiement de locataire");
                return (MatchDecision.Unmatched, [], 0);
            }
            return _returns.Match(unit, evidence);
        }
        if (unit.Amount.Cents == 0)
        {
            evidence.Add("montant nul");
            return (MatchDecision.Unmatched, [], 0);
        }
        var id = _identifier.Identify(unit);
        evidence.AddRange(id.Evidence);
        if (id.Tenant == null) return (MatchDecision.Unmatched, [], 0);
        var decision = id.Strong ? MatchDecision.Auto : MatchDecision.Suggested;
        var allocations = Allocator.Allocate(_index, id.Tenant, id.Notices, unit.Amount, decision == MatchDecision.Auto, evidence);
        if (decision == MatchDecision.Auto)
        {
            // Remember the payment so that a later return in the same run finds it.
            foreach (var a in allocations)
            {
                _returns.Remember(new PriorPayment(unit.EndToEndId, unit.Reference ?? entry.BankReference, a.Tenant, a.Notice, a.Amount, unit.Date ?? default));
            }
            if (unit.ChequeNumber is { Length: > 0 } cheque)
            {
                _returns.RememberCheque(cheque, new PriorPayment(null, null, id.Tenant.Reference, allocations[0].Notice, unit.Amount, unit.Date ?? default));
            }
        }
        return (decision, allocations, id.Confidence == 0 ? 10 : id.Confidence);
    }
}
