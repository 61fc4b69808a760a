using Ledger.Api.Infrastructure;
using Ledger.Api.Projections;
using Primitives;
using Marten;

namespace Ledger.Api.Features.Notices;

/// <summary>
/// What a tenant sees before paying: the amount due now on one notice. Called by the payments service with what the tenant
/// typed. Any mismatch (unknown tenant, unknown notice, notice of someone else) gets the same 404, so that the answer does
/// not tell which references exist.
/// </summary>
public static class LookupNotice
{
    public sealed record Request(string? TenantReference, string? NoticeReference);

    public sealed record Response(
        string LandlordId, string LandlordName, string TenantReference, string NoticeReference, string Period, string DueDate,
        string Total, string AmountDue, string Currency, string RfReference, string Status)
    {
        public static Response From(LandlordProfile landlord, NoticeView n) => new(
            landlord.Id, landlord.Name, n.TenantReference, n.Id, n.Period, n.DueDate.ToString("yyyy-MM-dd", null),
            Input.Format(n.NetDueCents), Input.Format(n.OutstandingCents), n.Currency, n.RfReference, n.Status);
    }

    public static void MapLookupNotice(this RouteGroupBuilder group) =>
        group.MapPost("/landlords/{landlordId}/notices/lookup", HandleAsync).RequireAuthorization(Scopes.NoticesRead);

    public static async Task<IResult> HandleAsync(string landlordId, Request request, RequestContext context, IDocumentStore store, CancellationToken ct)
    {
        var notFound = Problems.NotFound("noticeReference", "no notice matches these references");
        if (await context.LandlordAsync(landlordId, ct) is not { } landlord) return notFound;
        if (!TenantReference.TryCreate(request.TenantReference, out var tenant) || !NoticeReference.TryCreate(request.NoticeReference, out var notice))
        {
            return notFound;
        }
        await using var session = store.QuerySession(landlordId);
        var view = await session.LoadAsync<NoticeView>(notice!.Value, ct);
        return view is null || view.TenantReference != tenant!.Value ? notFound : TypedResults.Ok(Response.From(landlord, view));
    }
}
