using Ledger.Api.Infrastructure;
using Ledger.Domain.Bank;

namespace Ledger.Api.Features.Bank;

/// <summary>
/// A bank line an accountant marked as not rent: the bank account against 580 (internal transfer), 4411 (the CAF's bulk
/// payment) or 7588 (other); signed as on the statement. Bank fees go to bank/fees. Idempotent by entry id.
/// </summary>
public static class RecordNotRentEndpoint
{
    public sealed record Request(
        string? EntryId, string? Kind, string? Amount, string? Currency, string? On, string? Channel, string? BankAccount, string? Reason,
        string? By);

    public static void MapRecordNotRent(this RouteGroupBuilder group) =>
        group.MapPost("/landlords/{landlordId}/bank/other-receipts", HandleAsync).RequireAuthorization(Scopes.BankWrite);

    public static Task<IResult> HandleAsync(
        string landlordId, Request request, HttpRequest http, RequestContext context, BankWriter writer, CancellationToken ct)
    {
        var entryId = BankCommand.EntryId(request.EntryId, http);
        var amount = Input.Money(request.Amount, request.Currency, "amount");
        var command = new RecordNotRent(entryId, Input.Enum<NotRentKind>(request.Kind, "kind"), amount, Input.Date(request.On, "on"),
            BankCommand.Channel(request.Channel), Input.Optional(request.BankAccount, "bankAccount", 40), Input.Required(request.Reason, "reason"),
            Input.Required(request.By, "by", 60));
        return BankCommand.ExecuteAsync(landlordId, "other-receipt", entryId, amount, command, context, writer, ct);
    }
}
