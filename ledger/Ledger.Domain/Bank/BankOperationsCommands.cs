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

public sealed record RecordNotRent(
    string EntryId, NotRentKind Kind, Money Amount, LocalDate On, PaymentChannel Channel, string BankAccount, string Reason, string By);
