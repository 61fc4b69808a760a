using NodaTime;
using Primitives;

namespace Ledger.Domain.Bank;

// Commands to the landlord's bank operations; values are already validated value objects. EntryId is the idempotency key.

public sealed record ParkInSuspense(
    string EntryId, Money Amount, LocalDate ValueDate, PaymentChannel Channel, string BankAccount, string Reason, string By);

/// <summary>Clears the whole parked amount; <c>Amount</c> must repeat it (a cross-check, not a partial clearing).</summary>
public sealed record ClearSuspense(
    string EntryId, SuspenseClearing To, Money Amount, LocalDate On, PaymentChannel Channel, NotRentKind? Kind,
    IReadOnlyList<string> Tenants, string Reason, string By);

public sealed record BookBankFees(string EntryId, Money Amount, LocalDate On, PaymentChannel Channel, string BankAccount, string Reason, string By);

/// <summary>
/// The bank's credit of a remittance whose payments were booked on a clearing account: a PSP payout (467, net of the fees
/// booked apart) or a cheque deposit slip (5112). <c>From</c> names the channel, and so the clearing account emptied.
/// </summary>
public sealed record CreditRemittance(string EntryId, Money Amount, LocalDate On, PaymentChannel From, string BankAccount, string Reason, string By);

public sealed record RecordNotRent(
    string EntryId, NotRentKind Kind, Money Amount, LocalDate On, PaymentChannel Channel, string BankAccount, string Reason, string By);
