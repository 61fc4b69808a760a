using Ledger.Api.Infrastructure;
using Ledger.Api.Projections;
using Marten;

namespace Ledger.Api.Features.Payments;

public static class GetPayment
{
    public static void MapGetPayment(this RouteGroupBuilder group) =>
        group.MapGet("/landlords/{landlordId}/payments/{paymentId}", HandleAsync).RequireAuthorization(Scopes.PaymentsRead);

    public static async Task<IResult> HandleAsync(string landlordId, string paymentId, IDocumentStore store, CancellationToken ct)
    {
        var id = Input.Payment(paymentId);
        await using var session = store.QuerySession(landlordId);
        var view = await session.LoadAsync<PaymentView>(id.Value, ct);
        return view is null ? Problems.NotFound("paymentId", "no such payment") : TypedResults.Ok(PaymentResponse.From(view));
    }
}
