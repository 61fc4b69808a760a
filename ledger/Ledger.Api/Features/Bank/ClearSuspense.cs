using Ledger.Api.Infrastructure;
using Ledger.Domain.Bank;

namespace Ledger.Api.Features.Bank;

/// <summary>
/// Takes a parked entry off 471, whole: to tenants (their payments are recorded separately, as ordinary payments of
/// <c>channel</c>; this books 471 debit against that channel's cash account, see BankPosting), returned to the payer
/// (471 / 512), or not rent after all (471 / the kind's account, OD). Idempotent by the entry id in the path.
/// </summary>
public static class ClearSuspenseEndpoint
{
    public sealed record Request(
        string? To, string? Amount, string? Currency, string? On, string? Channel, string? Kind, List<string>? Tenants, string? Reason, string? By);

    public static void MapClearSuspense(this RouteGroupBuilder group) =>
        group.MapPost("/landlords/{landlordId}/bank/suspense/{entryId}/clear", HandleAsync).RequireAuthorization(Scopes.BankWrite);

    public static Task<IResult> HandleAsync(
        string landlordId, string entryId, Request request, HttpRequest http, RequestContext context, BankWriter writer, CancellationToken ct)
    {
        var id = BankCommand.EntryId(entryId, http);
        var amount = Input.Money(request.Amount, request.Currency, "amount");
        var tenants = (request.Tenants ?? []).Select((t, i) => Input.Tenant(t, $"tenants[{i}]").Value).ToList();
        var command = new ClearSuspense(id, Input.Enum<SuspenseClearing>(request.To, "to"), amount, Input.Date(request.On, "on"),
            BankCommand.Channel(request.Channel), string.IsNullOrWhiteSpace(request.Kind) ? null : Input.Enum<NotRentKind>(request.Kind, "kind"),
            tenants, Input.Required(request.Reason, "reason"), Input.Required(request.By, "by", 60));
        return BankCommand.ExecuteAsync(landlordId, "clear", id, amount, command, context, writer, ct);
    }
}
