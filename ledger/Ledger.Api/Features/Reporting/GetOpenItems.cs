using Ledger.Api.Infrastructure;
using Ledger.Api.Projections;
using Marten;

namespace Ledger.Api.Features.Reporting;

/// <summary>
/// Every notice with something still due, in bulk, for the reconciliation service's matching engine. Keyset-paged by notice
/// reference (pass the last one as <c>after</c>) so that 125,000 items come in a few pages without OFFSET scans.
/// </summary>
public static class GetOpenItems
{
    public sealed record Item(
        string TenantReference, string TenantName, string NoticeReference, string RfReference, string Period, string DueDate,
        string AmountDue, string Currency);

    public sealed record Response(IReadOnlyList<Item> Items, string? Next);

    public static void MapGetOpenItems(this RouteGroupBuilder group) =>
        group.MapGet("/landlords/{landlordId}/open-items", HandleAsync).RequireAuthorization(Scopes.OpenItemsRead);

    public static async Task<IResult> HandleAsync(string landlordId, string? after, int? limit, IDocumentStore store, CancellationToken ct)
    {
        var take = limit ?? 5000;
        if (take is < 1 or > 20_000) return Problems.Invalid("limit", "limit must be between 1 and 20000");
        var from = after ?? "";
        await using var session = store.QuerySession(landlordId);
        var notices = await session.Query<NoticeView>()
            .Where(n => n.OutstandingCents > 0 && string.Compare(n.Id, from) > 0)
            .OrderBy(n => n.Id)
            .Take(take)
            .ToListAsync(ct);
        var tenantIds = notices.Select(n => n.TenantReference).Distinct().ToArray();
        var accounts = (await session.LoadManyAsync<AccountView>(ct, tenantIds)).ToDictionary(a => a.Id);
        var items = notices.Select(n => new Item(
            n.TenantReference, accounts.TryGetValue(n.TenantReference, out var a) ? a.TenantName : "", n.Id, n.RfReference, n.Period,
            n.DueDate.ToString("yyyy-MM-dd", null), Input.Format(n.OutstandingCents), n.Currency)).ToList();
        return TypedResults.Ok(new Response(items, items.Count == take ? items[^1].NoticeReference : null));
    }
}
