using Ledger.Api.Infrastructure;
using Ledger.Api.Projections;
using Ledger.Domain.Accounts;
using Primitives;

namespace Ledger.Api.Features.Payments;

/// <summary>
/// Where every euro enters the ledger, whatever its channel. The payment id is the idempotency key (the Idempotency-Key
/// header must repeat it): a retry with the same content answers 200 with the existing result and writes nothing; the same
/// id with other content is a 409. A payment id is unique per landlord across all accounts (a unique key document, checked by
/// LedgerWriter).
/// </summary>
public static class RecordPaymentEndpoint
{
    public sealed record Request(
        string? PaymentId, string? TenantReference, string? Channel, string? Amount, string? Currency, string? ReceivedOn,
        string? NoticeReference, Dictionary<string, string>? ExternalReferences);

    public static void MapRecordPayment(this RouteGroupBuilder group) =>
        group.MapPost("/landlords/{landlordId}/payments", HandleAsync).RequireAuthorization(Scopes.PaymentsWrite);

    public static async Task<IResult> HandleAsync(
        string landlordId, Request request, HttpRequest http, RequestContext context, LedgerWriter writer, CancellationToken ct)
    {
        if (await context.LandlordAsync(landlordId, ct) is null) return Problems.NotFound("landlordId", "unknown landlord");
        var paymentId = Input.Payment(request.PaymentId);
        var key = http.Headers["Idempotency-Key"].ToString();
        if (key.Length == 0) return Problems.Invalid("Idempotency-Key", "the Idempotency-Key header is required and must equal paymentId");
        if (key != paymentId.Value) return Problems.Invalid("Idempotency-Key", "the Idempotency-Key header must equal paymentId");
        var tenant = Input.Tenant(request.TenantReference);
        var command = new RecordPayment(
            paymentId,
            Input.Enum<PaymentChannel>(request.Channel, "channel"),
            Input.Money(request.Amount, request.Currency, "amount"),
            Input.Date(request.ReceivedOn, "receivedOn"),
            request.ExternalReferences ?? [],
            string.IsNullOrWhiteSpace(request.NoticeReference) ? null : Input.Notice(request.NoticeReference));

        var result = await writer.ExecuteAsync(context.For(landlordId), tenant.Value, command, ct);
        if (result.Decision is Decision.Rejected rejected) return Problems.From(rejected);
        var view = LedgerProjection.Payment(tenant.Value, result.State.Payment(paymentId)!);
        var body = PaymentResponse.From(view);
        return result.Decision is Decision.Accepted
            ? TypedResults.Created($"/landlords/{landlordId}/payments/{paymentId.Value}", body)
            : TypedResults.Ok(body);
    }
}
