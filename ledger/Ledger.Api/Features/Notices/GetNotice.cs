using Ledger.Api.Infrastructure;
using Ledger.Api.Projections;
using Marten;

namespace Ledger.Api.Features.Notices;

/// <summary>One notice with its status (Unpaid, PartlyPaid, Paid, Overpaid, Cancelled), lines and what remains due.</summary>
public static class GetNotice
{
    public sealed record LineResponse(string Kind, string Label, string Amount);

    public sealed record Response(
        string NoticeReference, string TenantReference, string Period, string IssuedOn, string DueDate, string Total, string NetDue,
        string Paid, string AmountDue, string Currency, string RfReference, string Status, IReadOnlyList<LineResponse> Lines);

    public static void MapGetNotice(this RouteGroupBuilder group) =>
        group.MapGet("/landlords/{landlordId}/notices", HandleAsync).RequireAuthorization(Scopes.NoticesRead);

    public static async Task<IResult> HandleAsync(string landlordId, string? noticeReference, IDocumentStore store, CancellationToken ct)
    {
        var reference = Input.Notice(noticeReference);
        await using var session = store.QuerySession(landlordId);
        var n = await session.LoadAsync<NoticeView>(reference.Value, ct);
        if (n is null) return Problems.NotFound("noticeReference", "no such notice");
        return TypedResults.Ok(new Response(n.Id, n.TenantReference, n.Period, n.IssuedOn.ToString("yyyy-MM-dd", null),
            n.DueDate.ToString("yyyy-MM-dd", null), Input.Format(n.TotalCents), Input.Format(n.NetDueCents), Input.Format(n.PaidCents),
            Input.Format(n.OutstandingCents), n.Currency, n.RfReference, n.Status,
            n.Lines.Select(l => new LineResponse(l.Kind, l.Label, Input.Format(l.AmountCents))).ToList()));
    }
}
