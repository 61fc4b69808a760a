using Ledger.Api.Infrastructure;
using Ledger.Api.Projections;
using Ledger.Domain.Accounts;

namespace Ledger.Api.Features.Payments;

/// <summary>
/// A payment taken back: cheque returned unpaid, direct debit returned (R-code), card chargeback, refund. The notices it
/// paid are reopened, latest due first. Idempotent by reversal id (the Idempotency-Key header must repeat it).
/// A cancellation undoes a reversal in the landlord's favour (Adyen CHARGEBACK_REVERSED).
/// </summary>
public static class ReversePaymentEndpoint
{
    public sealed record Request(string? ReversalId, string? Kind, string? Amount, string? Currency, string? On, string? ReasonCode);

    public sealed record CancellationRequest(string? On);

    public static void MapReversePayment(this RouteGroupBuilder group)
    {
        group.MapPost("/landlords/{landlordId}/payments/{paymentId}/reversals", HandleAsync).RequireAuthorization(Scopes.PaymentsWrite);
        group.MapPost("/landlords/{landlordId}/payments/{paymentId}/reversals/{reversalId}/cancellation", CancelAsync)
            .RequireAuthorization(Scopes.PaymentsWrite);
    }

    public static async Task<IResult> HandleAsync(
        string landlordId, string paymentId, Request request, HttpRequest http, RequestContext context, LedgerWriter writer,
        CancellationToken ct)
    {
        var id = Input.Payment(paymentId);
        var reversalId = Input.Required(request.ReversalId, "reversalId", 100);
        var key = http.Headers["Idempotency-Key"].ToString();
        if (key != reversalId) return Problems.Invalid("Idempotency-Key", "the Idempotency-Key header is required and must equal reversalId");
        var command = new ReversePayment(id, reversalId, Input.Enum<ReversalKind>(request.Kind, "kind"),
            Input.Money(request.Amount, request.Currency, "amount"), Input.Date(request.On, "on"), Input.Optional(request.ReasonCode, "reasonCode", 60));
        return await ExecuteAsync(landlordId, id.Value, command, context, writer, ct);
    }

    public static async Task<IResult> CancelAsync(
        string landlordId, string paymentId, string reversalId, CancellationRequest request, RequestContext context,
        LedgerWriter writer, CancellationToken ct)
    {
        var id = Input.Payment(paymentId);
        var command = new CancelReversal(id, Input.Required(reversalId, "reversalId", 100), Input.Date(request.On, "on"));
        return await ExecuteAsync(landlordId, id.Value, command, context, writer, ct);
    }

    /// <summary>Commands addressed by payment id (reversal, cancellation, allocation).</summary>
    internal static async Task<IResult> ExecuteAsync(
        string landlordId, string paymentId, object command, RequestContext context, LedgerWriter writer, CancellationToken ct)
    {
        if (await writer.ExecuteOnOwnerAsync<PaymentKey>(context.For(landlordId), paymentId, command, ct) is not var (owner, result))
            return Problems.NotFound("paymentId", "no such payment");
        if (result.Decision is Decision.Rejected rejected) return Problems.From(rejected);
        var body = PaymentResponse.From(LedgerProjection.Payment(owner, result.State.Payments[paymentId]));
        return result.Decision is Decision.Accepted ? TypedResults.Created((string?)null, body) : TypedResults.Ok(body);
    }
}
