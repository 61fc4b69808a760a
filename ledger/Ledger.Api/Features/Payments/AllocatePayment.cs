using Ledger.Api.Infrastructure;
using Ledger.Domain.Accounts;

namespace Ledger.Api.Features.Payments;

/// <summary>
/// An accountant's allocation: part of a payment's credit to a notice, or (with fromNoticeReference) money moved from one
/// notice to another. Never over-pays a notice and never allocates more than the payment holds.
/// </summary>
public static class AllocatePaymentEndpoint
{
    public sealed record Request(string? NoticeReference, string? Amount, string? Currency, string? FromNoticeReference);

    public static void MapAllocatePayment(this RouteGroupBuilder group) =>
        group.MapPost("/landlords/{landlordId}/payments/{paymentId}/allocations", HandleAsync).RequireAuthorization(Scopes.PaymentsWrite);

    public static Task<IResult> HandleAsync(
        string landlordId, string paymentId, Request request, RequestContext context, LedgerWriter writer, CancellationToken ct)
    {
        var id = Input.Payment(paymentId);
        var to = Input.Notice(request.NoticeReference);
        var amount = Input.Money(request.Amount, request.Currency, "amount");
        object command = string.IsNullOrWhiteSpace(request.FromNoticeReference)
            ? new AllocatePayment(id, to, amount)
            : new ReallocatePayment(id, Input.Notice(request.FromNoticeReference, "fromNoticeReference"), to, amount);
        return ReversePaymentEndpoint.ExecuteAsync(landlordId, id.Value, command, context, writer, ct);
    }
}
