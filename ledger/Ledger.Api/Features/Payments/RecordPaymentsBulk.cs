using Ledger.Api.Infrastructure;
using Ledger.Api.Projections;
using Ledger.Domain.Accounts;
using Primitives;

namespace Ledger.Api.Features.Payments;

/// <summary>
/// Many payments in one call, for imports (reconciliation's posting queue): the same command, decider, keys and inline read
/// models as <see cref="RecordPaymentEndpoint"/>, written by <see cref="BulkLedgerWriter.ExecuteEachAsync"/> in one
/// transaction per call. Each payment is answered on its own, in the request's order, with the status the single route would
/// give it: 201 recorded, 200 already recorded with the same content, 400 a bad field or no such account, 409 the same
/// payment id with other content or on another account. A refused payment writes nothing and the others still land. Each
/// item's payment id is its idempotency key, so a retried call records nothing twice; no Idempotency-Key header is needed.
/// </summary>
public static class RecordPaymentsBulkEndpoint
{
    public sealed record Request(IReadOnlyList<RecordPaymentEndpoint.Request>? Payments);

    public sealed record ItemProblem(string Field, string Detail);

    public sealed record ItemResult(int Index, string? PaymentId, int Status, PaymentResponse? Payment, ItemProblem? Problem);

    public sealed record Response(int Received, int Recorded, int Unchanged, int Refused, IReadOnlyList<ItemResult> Results);

    private sealed record Valid(int Index, TenantReference Tenant, RecordPayment Command);

    public static void MapRecordPaymentsBulk(this RouteGroupBuilder group) =>
        group.MapPost("/landlords/{landlordId}/payments/bulk", HandleAsync).RequireAuthorization(Scopes.PaymentsWrite);

    public static async Task<IResult> HandleAsync(
        string landlordId, Request request, RequestContext context, BulkLedgerWriter writer, IConfiguration config, CancellationToken ct)
    {
        if (await context.LandlordAsync(landlordId, ct) is null) return Problems.NotFound("landlordId", "unknown landlord");
        var payments = request.Payments ?? throw new DomainValidationException("payments", "payments is required");
        var max = config.GetValue("Ledger:MaxBulkPayments", 5_000);
        if (payments.Count == 0) return Problems.Invalid("payments", "the batch holds no payment");
        if (payments.Count > max) return Problems.Invalid("payments", $"the batch holds {payments.Count} payments; the maximum is {max}");

        var results = new ItemResult?[payments.Count];
        var valid = new List<Valid>(payments.Count);
        for (var i = 0; i < payments.Count; i++)
        {
            var p = payments[i];
            var where = $"payments[{i}].";
            try
            {
                valid.Add(new Valid(i, Input.Tenant(p.TenantReference, where + "tenantReference"), new RecordPayment(
                    Input.Payment(p.PaymentId, where + "paymentId"),
                    Input.Enum<PaymentChannel>(p.Channel, where + "channel"),
                    Input.Money(p.Amount, p.Currency, where + "amount"),
                    Input.Date(p.ReceivedOn, where + "receivedOn"),
                    p.ExternalReferences ?? [],
                    string.IsNullOrWhiteSpace(p.NoticeReference) ? null : Input.Notice(p.NoticeReference, where + "noticeReference"))));
            }
            catch (DomainValidationException e)
            {
                results[i] = new ItemResult(i, p.PaymentId, 400, null, new ItemProblem(e.Field, e.Message));
            }
        }

        // One item per account, its payments in request order: the decider sees them as if sent one after the other.
        var byTenant = valid.GroupBy(v => v.Tenant.Value, StringComparer.Ordinal).Select(g => g.ToList()).ToList();
        var written = await writer.ExecuteEachAsync(context.For(landlordId),
            byTenant.Select(g => new BulkLedgerWriter.Item(g[0].Tenant.Value, g.Select(v => (object)v.Command).ToList())).ToList(), ct);
        for (var a = 0; a < byTenant.Count; a++)
        {
            foreach (var (v, decision) in byTenant[a].Zip(written.Decisions[a]))
            {
                var id = v.Command.PaymentId;
                results[v.Index] = decision is Decision.Rejected r
                    ? new ItemResult(v.Index, id.Value, Status(r.Kind), null, new ItemProblem($"payments[{v.Index}].{r.Field}", r.Message))
                    : new ItemResult(v.Index, id.Value, decision is Decision.Accepted ? 201 : 200,
                        PaymentResponse.From(LedgerProjection.Payment(v.Tenant.Value, written.After[a].Payment(id)!)), null);
            }
        }
        var all = results.Select(r => r!).ToList();
        return TypedResults.Ok(new Response(all.Count, all.Count(r => r.Status == 201), all.Count(r => r.Status == 200), all.Count(r => r.Status >= 400), all));
    }

    private static int Status(RejectionKind kind) => kind switch
    {
        RejectionKind.Invalid => 400,
        RejectionKind.NotFound => 404,
        _ => 409,
    };
}
