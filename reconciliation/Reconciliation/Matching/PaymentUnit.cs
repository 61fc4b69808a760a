using Primitives;
using NodaTime;
using Reconciliation.Statements;

namespace Reconciliation.Matching;

/// <summary>One payment to identify: a whole entry, or one transaction of a batch (cheque, card payment, SDD).</summary>
internal sealed record PaymentUnit(
    string Label,
    Money Amount,
    LocalDate? Date,
    string? Name,
    string? Iban,
    string? EndToEndId,
    string? CreditorReference,
    IReadOnlyList<string> Texts,
    bool IsReturn,
    string? ReturnReason,
    string? ChequeNumber = null,
    string? Reference = null)
{
    public static PaymentUnit Of(StatementEntry e) =>
        new("entry", e.Amount, e.BookingDate ?? e.ValueDate, e.CounterpartyName, e.CounterpartyIban, e.EndToEndId, e.CreditorReference,
            // A batch whose transactions carry no amounts cannot be split: its texts still identify the payer.
            Join(e.Remittance.Concat(e.Transactions.SelectMany(t => t.Remittance.Append(t.CreditorReference ?? "").Append(t.EndToEndId ?? ""))).ToList(),
                e.EndToEndId, e.CreditorReference, e.CounterpartyName),
            e.IsReversal || e.ReturnReason != null, e.ReturnReason, e.ChequeNumber);

    public static PaymentUnit Of(EntryTransaction t, StatementEntry parent, int index) =>
        new($"transaction {index + 1}", t.Amount ?? parent.Amount, parent.BookingDate ?? parent.ValueDate, t.CounterpartyName,
            t.CounterpartyIban, t.EndToEndId, t.CreditorReference, Join(t.Remittance, t.EndToEndId, t.CreditorReference, t.Reference),
            parent.IsReversal || t.ReturnReason != null || (t.Amount?.Cents ?? 0) < 0, t.ReturnReason ?? parent.ReturnReason, t.ChequeNumber, t.Reference);

    private static List<string> Join(IReadOnlyList<string> remittance, params string?[] more)
    {
        var list = new List<string>(remittance);
        foreach (var m in more) if (!string.IsNullOrWhiteSpace(m)) list.Add(m);
        return list;
    }
}
