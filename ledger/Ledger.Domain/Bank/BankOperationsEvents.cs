using NodaTime;
using Primitives;

namespace Ledger.Domain.Bank;

// The landlord's own bank operations: money on the bank statement that is not (or not yet) a tenant's payment. One event
// stream per landlord (stream key "bank:<landlord>"), beside the tenant accounts. Each fact is keyed by the
// reconciliation entry id that caused it, which is also its idempotency key. Amounts are signed as the bank statement
// shows them where a bank line is booked (positive = money in); fees are positive when charged.

/// <summary>What a receipt that is not rent is, and so where it is booked.</summary>
public enum NotRentKind
{
    /// <summary>Bank charges (a debit on the statement), or PSP fees.</summary>
    BankFees,
    /// <summary>Money moved between the landlord's own accounts (580 Virements internes).</summary>
    InternalTransfer,
    /// <summary>The CAF's bulk housing-benefit payment (tiers payant), to be spread on the tenants' accounts later.</summary>
    Caf,
    Other,
}

/// <summary>Where money parked in suspense went.</summary>
public enum SuspenseClearing
{
    /// <summary>It was a tenant payment after all: the payment itself is recorded on the tenant account.</summary>
    Tenant,
    /// <summary>It was sent back to the payer.</summary>
    Returned,
    /// <summary>It was not rent (fees, internal transfer, CAF, other).</summary>
    NotRent,
}

/// <summary>A bank line nobody could explain yet, parked on the suspense account (471).</summary>
public sealed record SuspenseParked(
    string EntryId, Money Amount, LocalDate ValueDate, PaymentChannel Channel, string BankAccount, string Reason, string By,
    string Fingerprint);

/// <summary>The whole parked amount taken off suspense; <c>Channel</c> is the tenant payment's when cleared to tenants.</summary>
public sealed record SuspenseCleared(
    string EntryId, SuspenseClearing To, Money Amount, LocalDate On, PaymentChannel Channel, NotRentKind? Kind,
    IReadOnlyList<string> Tenants, string Reason, string By, string Fingerprint);

/// <summary>Bank or PSP fees (627). <c>Channel</c> says which cash account paid them (Card: kept by the PSP out of 467).</summary>
public sealed record BankFeesBooked(
    string EntryId, Money Amount, LocalDate On, PaymentChannel Channel, string BankAccount, string Reason, string By, string Fingerprint);

/// <summary>A payout or a cheque slip credited by the bank: 512 debit, the clearing account (467 or 5112) credit.</summary>
public sealed record RemittanceCredited(
    string EntryId, Money Amount, LocalDate On, PaymentChannel From, string BankAccount, string Reason, string By, string Fingerprint);

/// <summary>A bank line that is not rent: internal transfer, the CAF's bulk payment, other.</summary>
public sealed record NotRentReceived(
    string EntryId, NotRentKind Kind, Money Amount, LocalDate On, PaymentChannel Channel, string BankAccount, string Reason, string By,
    string Fingerprint);
