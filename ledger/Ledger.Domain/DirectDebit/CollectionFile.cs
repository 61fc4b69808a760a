using NodaTime;

namespace Ledger.Domain.DirectDebit;

/// <summary>The creditor as the collection file names it: LandlordProfile's name, ICS, IBAN and BIC.</summary>
public sealed record CreditorParty(string Name, string Ics, string Iban, string? Bic);

/// <summary>One debit of a collection file: a notice collected under a mandate.</summary>
public sealed record Debit(
    string EndToEndId, string SequenceType, long AmountCents, string Rum, LocalDate SignedOn, PendingAmendment? Amendment,
    string DebtorName, DebtorAddress Address, string DebtorIban, string? DebtorBic, string Remittance);

/// <summary>A pain.008 to write: every debit of one requested collection date.</summary>
public sealed record CollectionFile(string MessageId, LocalDate CollectionDate, CreditorParty Creditor, IReadOnlyList<Debit> Debits)
{
    /// <summary>
    /// The file's MsgId, from the landlord and the date only, so that the same date gives the same file (no clock, no
    /// counter): "SDD" + date + the landlord id in the SEPA set, cut to 35 characters.
    /// </summary>
    public static string MessageIdFor(string landlordId, LocalDate date)
    {
        var landlord = new string(landlordId.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        var id = $"SDD-{date:yyyyMMdd}-{landlord}";
        return id.Length <= 35 ? id : id[..35].TrimEnd('-');
    }

    /// <summary>The sequence types in the order their PmtInf appear (one PmtInf per sequence type of the date).</summary>
    public static readonly string[] SequenceOrder = ["FRST", "RCUR", "OOFF", "FNAL"];
}
