using Ledger.Api.Infrastructure;
using Ledger.Domain.Accounts;
using Ledger.Domain.Bank;
using Primitives;

namespace Ledger.Api.Features.Bank;

/// <summary>What every bank-operation command answers: the entry, what was booked, and 471's open balance after it.</summary>
public sealed record BankOperationResponse(string EntryId, string Operation, string Amount, string Currency, string SuspenseBalance, bool Repeated);

/// <summary>
/// The part the bank endpoints share: the landlord must exist, the Idempotency-Key header must repeat the entry id (the
/// reconciliation entry that caused the operation), and the decision becomes 201 (new), 200 (same content again) or a
/// ProblemDetails naming the field (409 for the same entry id with other content).
/// </summary>
internal static class BankCommand
{
    public static string EntryId(string? value, HttpRequest http)
    {
        var entryId = Input.Required(value, "entryId", BankOperationsDecider.MaxTextLength);
        var key = http.Headers["Idempotency-Key"].ToString();
        return key == entryId ? entryId
            : throw new DomainValidationException("Idempotency-Key", "the Idempotency-Key header is required and must equal entryId");
    }

    /// <summary>The cash side of the operation; a bank statement line is on the bank account (Transfer) unless told otherwise.</summary>
    public static PaymentChannel Channel(string? value) =>
        string.IsNullOrWhiteSpace(value) ? PaymentChannel.Transfer : Input.Enum<PaymentChannel>(value, "channel");

    public static async Task<IResult> ExecuteAsync(
        string landlordId, string operation, string entryId, Money amount, object command, RequestContext context, BankWriter writer,
        CancellationToken ct)
    {
        if (await context.LandlordAsync(landlordId, ct) is null) return Problems.NotFound("landlordId", "unknown landlord");
        var result = await writer.ExecuteAsync(context.For(landlordId), command, ct);
        if (result.Decision is Decision.Rejected rejected) return Problems.From(rejected);
        var body = new BankOperationResponse(entryId, operation, amount.ToDecimalString(), amount.Currency.Code,
            Input.Format(result.State.OpenSuspenseCents(amount.Currency)), result.Decision is Decision.Unchanged);
        return result.Decision is Decision.Accepted ? TypedResults.Created((string?)null, body) : TypedResults.Ok(body);
    }
}
