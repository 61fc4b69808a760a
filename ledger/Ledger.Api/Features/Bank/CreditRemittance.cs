using Ledger.Api.Infrastructure;
using Ledger.Domain.Bank;

namespace Ledger.Api.Features.Bank;

/// <summary>
/// The bank's credit of a PSP payout or a cheque deposit slip: 512 debit against the clearing account its payments were
/// booked on (<c>from</c> = Card: 467, Cheque: 5112). Positive = the credit on the statement. Idempotent by entry id.
/// </summary>
public static class CreditRemittanceEndpoint
{
    public sealed record Request(
        string? EntryId, string? Amount, string? Currency, string? On, string? From, string? BankAccount, string? Reason, string? By);

    public static void MapCreditRemittance(this RouteGroupBuilder group) =>
        group.MapPost("/landlords/{landlordId}/bank/remittances", HandleAsync).RequireAuthorization(Scopes.BankWrite);

    public static Task<IResult> HandleAsync(
        string landlordId, Request request, HttpRequest http, RequestContext context, BankWriter writer, CancellationToken ct)
    {
        var entryId = BankCommand.EntryId(request.EntryId, http);
        var amount = Input.Money(request.Amount, request.Currency, "amount");
        var from = Input.Enum<Primitives.PaymentChannel>(Input.Required(request.From, "from", 20), "from");
        var command = new CreditRemittance(entryId, amount, Input.Date(request.On, "on"), from,
            Input.Optional(request.BankAccount, "bankAccount", 40), Input.Required(request.Reason, "reason"), Input.Required(request.By, "by", 60));
        return BankCommand.ExecuteAsync(landlordId, "remittance", entryId, amount, command, context, writer, ct);
    }
}
