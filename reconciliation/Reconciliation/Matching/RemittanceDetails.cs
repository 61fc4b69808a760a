using NodaTime;
using Reconciliation.Statements;

namespace Reconciliation.Matching;

/// <summary>
/// Links a bank credit to the detail file that explains it (PSP payout → settlement batch, cheque deposit → slip,
/// Eficash remittance, issued SDD batch): same amount, and the batch or deposit number in the texts, or else a single
/// candidate dated within a week when the credit carries no tenant's RF reference. Each detail explains one credit only.
/// </summary>
internal sealed class RemittanceDetails
{
    private readonly Dictionary<long, List<StatementEntryDetail>> _byAmount = [];
    private readonly HashSet<StatementEntryDetail> _used = [];

    public RemittanceDetails(IEnumerable<StatementEntryDetail> details)
    {
        foreach (var d in details)
        {
            if (!_byAmount.TryGetValue(d.Entry.Amount.Cents, out var list)) _byAmount[d.Entry.Amount.Cents] = list = [];
            list.Add(d);
        }
    }

    public (string Kind, StatementEntry Entry, string Reason)? Find(StatementEntry credit)
    {
        if (!_byAmount.TryGetValue(credit.Amount.Cents, out var list)) return null;
        var open = list.Where(d => !_used.Contains(d) && d.Entry.Amount.Currency == credit.Amount.Currency).ToList();
        var texts = string.Join(' ', credit.Remittance.Append(credit.BankReference ?? "").Append(credit.ChequeNumber ?? "")).ToUpperInvariant();
        var byRef = open.FirstOrDefault(d => d.Entry.BankReference is { } r && Mentions(texts, r));
        if (byRef != null) return Use(byRef, "même montant, et son numéro figure dans le libellé bancaire");
        // Amount and date alone do not make a tenant's own payment a payout or a slip: a credit that carries an RF creditor
        // reference is a tenant paying a notice (rents are often equal, so a direct debit of 462,89 € and a card payout of
        // one 462,89 € payment in the same week are no coincidence to build on).
        if (EvidenceFinder.RfReferences(credit.CreditorReference, credit.Remittance).Any()) return null;
        var near = open.Where(d => Near(d.Entry.BookingDate, credit.BookingDate ?? credit.ValueDate)).ToList();
        if (near.Count == 1) return Use(near[0], "même montant, à moins d'une semaine");
        return null;
    }

    private (string, StatementEntry, string) Use(StatementEntryDetail d, string reason)
    {
        _used.Add(d);
        return (d.Kind, d.Entry, reason);
    }

    private static bool Mentions(string texts, string reference)
    {
        var r = reference.ToUpperInvariant();
        var digits = new string(r.Where(char.IsAsciiDigit).ToArray());
        return texts.Contains(r, StringComparison.Ordinal) || (digits.Length >= 3 && texts.Split(' ').Any(t => t.Trim('0') == digits.Trim('0') && t.Length > 0));
    }

    private static bool Near(LocalDate? a, LocalDate? b) =>
        a is { } x && b is { } y && Math.Abs(Period.Between(x, y, PeriodUnits.Days).Days) <= 7;
}
