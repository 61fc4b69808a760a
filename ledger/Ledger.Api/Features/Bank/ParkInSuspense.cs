using Ledger.Api.Infrastructure;
using Ledger.Domain.Bank;

namespace Ledger.Api.Features.Bank;

/// <summary>
/// A bank line nobody can explain yet goes to the suspense account: 512 debit, 471 credit (in the channel's bank journal).
/// The amount is signed as on the statement (a debit parks 471 debit, 512 credit). Idempotent by entry id.
/// </summary>
public static class ParkInSuspenseEndpoint
{
    public sealed record Request(
        string? EntryId, string? Amount, string? Currency, string? ValueDate, string? Channel, string? BankAccount, string? Reason, string? By);

    public static void MapParkInSuspense(this RouteGroupBuilder group) =>
        group.MapPost("/landlords/{landlordId}/bank/suspense", HandleAsync).RequireAuthorization(Scopes.BankWrite);

    public static Task<IResult> HandleAsync(
        string landlordId, Request request, HttpRequest http, RequestContext context, BankWriter writer, CancellationToken ct)
    {
        var entryId = BankCommand.EntryId(request.EntryId, http);
        var amount = Input.Money(request.Amount, request.Currency, "amount");
        var command = new ParkInSuspense(entryId, amount, Input.Date(request.ValueDate, "valueDate"), BankCommand.Channel(request.Channel),
            Input.Optional(request.BankAccount, "bankAccount", 40), Input.Required(request.Reason, "reason"), Input.Required(request.By, "by", 60));
        return BankCommand.ExecuteAsync(landlordId, "suspense", entryId, amount, command, context, writer, ct);
    }
}
