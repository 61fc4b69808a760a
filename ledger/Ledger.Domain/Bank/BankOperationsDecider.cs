using Ledger.Domain.Accounts;
using Primitives;

namespace Ledger.Domain.Bank;

/// <summary>
/// The rules of a landlord's bank operations as a pure function (state, command) → decision. Every command is keyed by
/// the reconciliation entry id: the same id with the same content is an idempotent repeat (Unchanged), with other content
/// a conflict. An entry parked in suspense is cleared, never also booked as not rent directly (that would count it twice).
/// </summary>
public static class BankOperationsDecider
{
    public const int MaxTextLength = 200;

    public static Decision Decide(BankOperations state, object command) => command switch
    {
        ParkInSuspense c => Park(state, c),
        ClearSuspense c => Clear(state, c),
        BookBankFees c => Fees(state, c),
        RecordNotRent c => NotRent(state, c),
        CreditRemittance c => Remittance(state, c),
        _ => throw new ArgumentException($"unknown command {command.GetType().Name}", nameof(command)),
    };

    private static Decision Park(BankOperations s, ParkInSuspense c)
    {
        if ((Texts(c.EntryId, c.Reason, c.By) ?? Optional(c.BankAccount, "bankAccount") ?? NonZero(c.Amount)) is { } bad) return bad;
        var fingerprint = Fingerprint.Of("suspense", c.Amount, c.ValueDate, c.Channel, c.BankAccount, c.Reason, c.By);
        if (s.Parked.TryGetValue(c.EntryId, out var existing)) return Repeat(existing.Fingerprint, fingerprint);
        if (s.NotRent.ContainsKey(c.EntryId)) return Decision.Conflict("entryId", "this entry was already booked as not rent");
        return new Decision.Accepted([new SuspenseParked(c.EntryId, c.Amount, c.ValueDate, c.Channel, c.BankAccount, c.Reason, c.By, fingerprint)]);
    }

    private static Decision Clear(BankOperations s, ClearSuspense c)
    {
        if (Texts(c.EntryId, c.Reason, c.By) is { } bad) return bad;
        if (!s.Parked.TryGetValue(c.EntryId, out var parked)) return Decision.NotFound("entryId", "this entry is not in suspense");
        var fingerprint = Fingerprint.Of("clear", c.To, c.Amount, c.On, c.Channel, c.Kind, string.Join(',', c.Tenants), c.Reason, c.By);
        if (!parked.Open) return Repeat(parked.ClearingFingerprint!, fingerprint);
        if (c.Amount != parked.Amount) return Decision.Conflict("amount", $"the whole parked amount ({parked.Amount}) is cleared at once");
        if (c.On < parked.ValueDate) return Decision.Invalid("on", "a clearing cannot be dated before the parked money's value date");
        switch (c.To)
        {
            case SuspenseClearing.Tenant when c.Tenants.Count == 0:
                return Decision.Invalid("tenants", "name the tenants whose payments this clearing records");
            case SuspenseClearing.NotRent when c.Kind is null:
                return Decision.Invalid("kind", "kind is required when clearing to not rent");
            case not SuspenseClearing.NotRent when c.Kind is not null:
                return Decision.Invalid("kind", "kind is only for a clearing to not rent");
        }
        if (c.Tenants.Count > 20 || c.Tenants.Any(t => t.Length is 0 or > 32)) return Decision.Invalid("tenants", "at most 20 tenant references");
        return new Decision.Accepted([new SuspenseCleared(c.EntryId, c.To, c.Amount, c.On, c.Channel, c.Kind, c.Tenants, c.Reason, c.By, fingerprint)]);
    }

    private static Decision Fees(BankOperations s, BookBankFees c)
    {
        if ((Texts(c.EntryId, c.Reason, c.By) ?? Optional(c.BankAccount, "bankAccount") ?? NonZero(c.Amount)) is { } bad) return bad;
        var fingerprint = Fingerprint.Of("fees", c.Amount, c.On, c.Channel, c.BankAccount, c.Reason, c.By);
        if (s.Fees.TryGetValue(c.EntryId, out var existing)) return Repeat(existing, fingerprint);
        return new Decision.Accepted([new BankFeesBooked(c.EntryId, c.Amount, c.On, c.Channel, c.BankAccount, c.Reason, c.By, fingerprint)]);
    }

    private static Decision NotRent(BankOperations s, RecordNotRent c)
    {
        if ((Texts(c.EntryId, c.Reason, c.By) ?? Optional(c.BankAccount, "bankAccount") ?? NonZero(c.Amount)) is { } bad) return bad;
        if (c.Kind == NotRentKind.BankFees) return Decision.Invalid("kind", "bank fees are booked through bank/fees");
        var fingerprint = Fingerprint.Of("notrent", c.Kind, c.Amount, c.On, c.Channel, c.BankAccount, c.Reason, c.By);
        if (s.NotRent.TryGetValue(c.EntryId, out var existing)) return Repeat(existing, fingerprint);
        if (s.Parked.ContainsKey(c.EntryId)) return Decision.Conflict("entryId", "this entry is in suspense: clear it to not rent instead");
        return new Decision.Accepted([new NotRentReceived(c.EntryId, c.Kind, c.Amount, c.On, c.Channel, c.BankAccount, c.Reason, c.By, fingerprint)]);
    }

    private static Decision Remittance(BankOperations s, CreditRemittance c)
    {
        if ((Texts(c.EntryId, c.Reason, c.By) ?? Optional(c.BankAccount, "bankAccount")) is { } bad) return bad;
        // Only a credit empties a clearing account: a payout or a slip the bank took back is a return, not a remittance.
        if (!c.Amount.IsPositive) return Decision.Invalid("amount", "a remittance is a credit: the amount must be positive");
        if (c.From is not (PaymentChannel.Card or PaymentChannel.Cheque))
            return Decision.Invalid("from", "only card payouts (467) and cheque slips (5112) are credited through a clearing account");
        var fingerprint = Fingerprint.Of("remittance", c.Amount, c.On, c.From, c.BankAccount, c.Reason, c.By);
        if (s.Remittances.TryGetValue(c.EntryId, out var existing)) return Repeat(existing, fingerprint);
        if (s.Parked.ContainsKey(c.EntryId) || s.NotRent.ContainsKey(c.EntryId))
            return Decision.Conflict("entryId", "this entry was already booked in suspense or as not rent");
        return new Decision.Accepted([new RemittanceCredited(c.EntryId, c.Amount, c.On, c.From, c.BankAccount, c.Reason, c.By, fingerprint)]);
    }

    private static Decision Repeat(string existing, string fingerprint) => existing == fingerprint
        ? new Decision.Unchanged("already recorded")
        : Decision.Conflict("entryId", "this entry id was already used with different content");

    private static Decision? NonZero(Money amount) => amount.IsZero ? Decision.Invalid("amount", "amount must not be zero") : null;

    private static Decision? Texts(string entryId, string reason, string by) =>
        Required(entryId, "entryId") ?? Required(reason, "reason") ?? Required(by, "by");

    private static Decision? Required(string value, string field) =>
        string.IsNullOrWhiteSpace(value) ? Decision.Invalid(field, $"{field} is required") : Optional(value, field);

    private static Decision? Optional(string value, string field) =>
        value.Length > MaxTextLength ? Decision.Invalid(field, $"{field} is longer than {MaxTextLength} characters") : null;
}
