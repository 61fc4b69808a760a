using Ledger.Api.Infrastructure;
using Ledger.Domain.Accounts;

namespace Ledger.Api.Features.Payments;

/// <summary>
/// Undo of one allocation by an accountant (reconciliation's "annuler ce lettrage"): a PaymentDeallocated event, never a
/// delete. <c>by</c> and <c>reason</c> are required and kept in the event's reason; the caller's key name is its user name.
/// </summary>
public static class DeallocatePaymentEndpoint
{
    public sealed record Request(string? NoticeReference, string? Amount, string? Currency, string? By, string? Reason);

    public static void MapDeallocatePayment(this RouteGroupBuilder group) =>
        group.MapPost("/landlords/{landlordId}/payments/{paymentId}/deallocations", HandleAsync).RequireAuthorization(Scopes.PaymentsWrite);

    public static Task<IResult> HandleAsync(
        string landlordId, string paymentId, Request request, RequestContext context, LedgerWriter writer, CancellationToken ct)
    {
        var id = Input.Payment(paymentId);
        var notice = Input.Notice(request.NoticeReference);
        var amount = Input.Money(request.Amount, request.Currency, "amount");
        var by = Input.Required(request.By, "by", 40);
        var reason = Input.Required(request.Reason, "reason", 140);
        var command = new DeallocatePayment(id, notice, amount, $"annulé par {by} : {reason}");
        return ReversePaymentEndpoint.ExecuteAsync(landlordId, id.Value, command, context, writer, ct);
    }
}
