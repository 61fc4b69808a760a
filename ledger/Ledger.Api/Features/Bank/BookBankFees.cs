using Ledger.Api.Infrastructure;
using Ledger.Domain.Bank;

namespace Ledger.Api.Features.Bank;

/// <summary>
/// Bank charges and PSP commissions: 627 debit against the channel's cash account (Transfer: 512, in BQ; Card: 467 in CB,
/// for the fees the PSP kept out of a payout). Positive = a fee charged. Idempotent by entry id (one per entry).
/// </summary>
public static class BookBankFeesEndpoint
{
    public sealed record Request(
        string? EntryId, string? Amount, string? Currency, string? On, string? Channel, string? BankAccount, string? Reason, string? By);

    public static void MapBookBankFees(this RouteGroupBuilder group) =>
        group.MapPost("/landlords/{landlordId}/bank/fees", HandleAsync).RequireAuthorization(Scopes.BankWrite);

    public static Task<IResult> HandleAsync(
        string landlordId, Request request, HttpRequest http, RequestContext context, BankWriter writer, CancellationToken ct)
    {
        var entryId = BankCommand.EntryId(request.EntryId, http);
        var amount = Input.Money(request.Amount, request.Currency, "amount");
        var command = new BookBankFees(entryId, amount, Input.Date(request.On, "on"), BankCommand.Channel(request.Channel),
            Input.Optional(request.BankAccount, "bankAccount", 40), Input.Required(request.Reason, "reason"), Input.Required(request.By, "by", 60));
        return BankCommand.ExecuteAsync(landlordId, "fees", entryId, amount, command, context, writer, ct);
    }
}
