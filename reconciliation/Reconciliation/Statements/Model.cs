using Primitives;
using NodaTime;

namespace Reconciliation.Statements;

/// <summary>What a parser returns: every statement of the file plus the non-fatal findings (e.g. a balance that does not add up).</summary>
public sealed record StatementFile(string Format, IReadOnlyList<Statement> Statements, IReadOnlyList<string> Warnings);

/// <summary>One account over one period. Balances are null where the format has none (camt.054, CSV remittances).</summary>
public sealed record Statement(
    string Account,
    string Currency,
    Money? OpeningBalance,
    Money? ClosingBalance,
    LocalDate? OpeningDate,
    LocalDate? ClosingDate,
    IReadOnlyList<StatementEntry> Entries);

/// <summary>
/// One booking on the account. Amount is signed: credit positive. <see cref="Transactions"/> holds the underlying
/// transactions when the bank booked a batch as one entry (SDD remittance, camt Btch, a cheque slip, a PSP payout).
/// </summary>
public sealed record StatementEntry(
    string Id,
    LocalDate? BookingDate,
    LocalDate? ValueDate,
    Money Amount,
    string? BankReference,
    string? BankTransactionCode,
    string? CounterpartyName,
    string? CounterpartyIban,
    string? EndToEndId,
    string? CreditorReference,
    IReadOnlyList<string> Remittance,
    string? ChequeNumber,
    bool IsReversal,
    string? ReturnReason,
    IReadOnlyList<EntryTransaction> Transactions)
{
    // Counterparty names, IBANs and texts are personal data: a logged entry shows its id and amount only.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Id = ").Append(Id).Append(", Amount = ").Append(Amount);
        return true;
    }
}

/// <summary>An underlying transaction of a batch entry. Amount is signed like its entry, null when the bank omits it.</summary>
public sealed record EntryTransaction(
    Money? Amount,
    string? CounterpartyName,
    string? CounterpartyIban,
    string? EndToEndId,
    string? CreditorReference,
    IReadOnlyList<string> Remittance,
    string? ChequeNumber,
    string? ReturnReason,
    string? Reference)
{
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Reference = ").Append(Reference).Append(", Amount = ").Append(Amount);
        return true;
    }
}
