using Ledger.Domain.Journal;
using NodaTime;

namespace Ledger.Api.Projections;

// Read models, written in the same transaction as the events that change them (see LedgerWriter), so that a balance
// read after a 2xx answer is never behind. Amounts are cents; dates also carry an int yyyymmdd key because that is what
// range queries use. Every document is per landlord (Marten conjoined tenancy: tenant_id = landlord id).

public sealed record LandlordProfile(string Id, string Name, string TenantReferencePattern)
{
    // Accounting (FEC): see Features/Exports/AccountingProfile.
    public string? Siren { get; init; }
    public string FiscalYearEnd { get; init; } = "12-31";

    // SEPA creditor (direct debit, notices' payment instructions): validated by UpsertLandlord, null when not declared.
    public string? Ics { get; init; }
    public string? Iban { get; init; }
    public string? Bic { get; init; }
}

public sealed record AccountView
{
    public required string Id { get; init; }                     // tenant reference
    public required string TenantName { get; init; }
    public required string DwellingReference { get; init; }
    public bool Closed { get; init; }
    public required string Currency { get; init; }
    public long BalanceCents { get; init; }
    public long CreditCents { get; init; }
    public long AdjustmentsCents { get; init; }
    public long StreamVersion { get; init; }
    public List<OpenNoticeItem> OpenNotices { get; init; } = [];
}

public sealed record OpenNoticeItem(string NoticeReference, string Period, LocalDate DueDate, long OutstandingCents);

public sealed record NoticeView
{
    public required string Id { get; init; }                     // notice reference
    public required string TenantReference { get; init; }
    public required string Period { get; init; }
    public LocalDate IssuedOn { get; init; }
    public LocalDate DueDate { get; init; }
    public int DueDateKey { get; init; }
    public required string RfReference { get; init; }
    public required string Currency { get; init; }
    public long TotalCents { get; init; }
    public long NetDueCents { get; init; }
    public long PaidCents { get; init; }
    public long OutstandingCents { get; init; }
    public required string Status { get; init; }
    public List<NoticeLineView> Lines { get; init; } = [];
}

public sealed record NoticeLineView(string Kind, string Label, long AmountCents);

public sealed record PaymentView
{
    public required string Id { get; init; }                     // payment id
    public required string TenantReference { get; init; }
    public required string Channel { get; init; }
    public required string Currency { get; init; }
    public long AmountCents { get; init; }
    public long ReversedCents { get; init; }
    public long RefundedCents { get; init; }
    public long UnallocatedCents { get; init; }
    public LocalDate ReceivedOn { get; init; }
    public required string Status { get; init; }
    public List<AllocationView> Allocations { get; init; } = [];
}

public sealed record AllocationView(string NoticeReference, long AmountCents);

/// <summary>
/// Which tenant account a payment id belongs to. Inserted (never upserted) with the payment's first event: the primary key
/// makes a payment id unique per landlord even across accounts, which the per-stream decider alone cannot see.
/// </summary>
public sealed record PaymentKey(string Id, string TenantReference) : IAccountKey;

/// <summary>Same for notice references: unique per landlord.</summary>
public sealed record NoticeKey(string Id, string TenantReference) : IAccountKey;

/// <summary>A unique key document that tells which tenant account holds a payment or a notice.</summary>
public interface IAccountKey
{
    string TenantReference { get; }
}

public sealed record JournalEntryView
{
    public required string Id { get; init; }                     // "{tenant}|{stream version}|{n}"
    public required string TenantReference { get; init; }
    public required string Journal { get; init; }
    public LocalDate Date { get; init; }
    public int DateKey { get; init; }
    public required string PieceRef { get; init; }
    public required string Label { get; init; }
    public long TotalDebitCents { get; init; }
    public long TotalCreditCents { get; init; }
    public List<JournalLine> Lines { get; init; } = [];

    /// <summary>The lettrage item its 411 line belongs to ("N:notice", "P:payment", "R:refund"); null when never lettered.</summary>
    public string? LetterItem { get; init; }
}

/// <summary>
/// The current lettrage of one item of a tenant account (id "{tenant}|{item}"): the code as shown (lower case while the
/// group is partial) and DateLet when complete; Code null once unlettered. The FEC joins journal lines to it.
/// </summary>
public sealed record LetterView
{
    public required string Id { get; init; }
    public required string TenantReference { get; init; }
    public string? Code { get; init; }
    public LocalDate? DateLet { get; init; }

    public static string IdOf(string tenant, string item) => tenant + "|" + item;
}
