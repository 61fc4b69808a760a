using NodaTime;

namespace Ledger.Api.Documents.Notices;

/// <summary>
/// Everything an avis d'échéance prints, taken from the ledger (<see cref="NoticeDocumentSource"/>) and nothing else: the
/// PDF is a pure function of this record, so the same record gives the same bytes. Amounts in cents.
/// </summary>
public sealed record NoticeDocument(
    string LandlordId, string LandlordName, string? LandlordIban, string? LandlordBic, string? LandlordIcs,
    string TenantReference, string TenantName, string DwellingReference,
    string NoticeReference, YearMonth Period, LocalDate IssuedOn, LocalDate DueDate, string RfReference, string Currency,
    IReadOnlyList<NoticeDocumentLine> Lines,
    long MonthTotalCents, long PreviousBalanceCents, long AlreadyPaidCents, long NetToPayCents,
    DirectDebitMandate? Mandate)
{
    /// <summary>The document's identity, hashed into its PDF id.</summary>
    public string Identity => $"avis|{LandlordId}|{NoticeReference}";
}

/// <summary>
/// One printed line. Debit lines are what the tenant owes (RLS is a negative debit: a reduction of the rent); credit lines
/// are what comes off it without being a reduction of the rent (APL/AL paid to the landlord, credit notes).
/// </summary>
public sealed record NoticeDocumentLine(string Label, long DebitCents, long CreditCents);
