using Ledger.Api.Infrastructure;
using Ledger.Domain.Accounts;
using Ledger.Domain.DirectDebit;
using Marten;
using Primitives;

namespace Ledger.Api.Features.DirectDebit;

/// <summary>
/// A pain.002 reject of one debit (issue 12 contract; the reconciliation side calls it): before settlement, so nothing is
/// booked or reversed; the debit request is marked rejected with its R-code, the notice is open again (it never stopped
/// being: no money was booked) with the reason shown, and a representable code lets a later collection present it again.
/// </summary>
public static class RejectDebit
{
    public sealed record Request(string? EndToEndId, string? ReasonCode, string? RejectedOn, string? MessageId);

    public sealed record Response(string EndToEndId, string NoticeReference, string TenantReference, string ReasonCode, string Reason, bool Representable);

    public static void MapRejectDebit(this RouteGroupBuilder group) =>
        group.MapPost("/landlords/{landlordId}/direct-debits/rejects", HandleAsync).RequireAuthorization(Scopes.PaymentsWrite);

    public static async Task<IResult> HandleAsync(string landlordId, Request request, IDocumentStore store, CancellationToken ct)
    {
        var endToEnd = Input.Required(request.EndToEndId, "endToEndId", 35);
        var code = SepaReasonCodes.Get(request.ReasonCode?.Trim());
        var on = Input.Date(request.RejectedOn, "rejectedOn");
        var messageId = Input.Optional(request.MessageId, "messageId", 35);
        await using var session = store.LightweightSession(landlordId);
        if (await session.LoadAsync<DebitRequestView>(endToEnd, ct) is not { } debit) return Problems.NotFound("endToEndId", "no debit request with this EndToEndId");
        var answer = new Response(debit.Id, debit.NoticeReference, debit.TenantReference, code.Code, code.French, code.Representable);
        if (debit.Status == DebitStatus.Rejected)
        {
            return debit.ReasonCode == code.Code
                ? TypedResults.Ok(answer)
                : Problems.Conflict("reasonCode", $"this debit was already rejected with {debit.ReasonCode}");
        }
        if (await MandateStore.FindAsync(session, debit.Rum, ct) is { } mandate)
        {
            var (decision, _) = MandateStore.Apply(session, mandate, mandate.StreamId, new RejectCollection(debit.Id, code.Code, on));
            if (decision is Decision.Rejected r) return Problems.From(r);
        }
        session.Store(debit with { Status = DebitStatus.Rejected, ReasonCode = code.Code, RejectedOn = on, RejectMessageId = messageId });
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(answer);
    }
}
