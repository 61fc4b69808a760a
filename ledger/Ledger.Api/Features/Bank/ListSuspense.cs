using Ledger.Api.Infrastructure;
using Ledger.Api.Projections;
using Marten;
using NodaTime;

namespace Ledger.Api.Features.Bank;

/// <summary>
/// What is still parked on 471, oldest value date first, with its age in days at <c>asOf</c> (today in Paris by default)
/// and the total: the figure the accountants' dashboard must agree with.
/// </summary>
public static class ListSuspenseEndpoint
{
    public sealed record Item(string EntryId, string Amount, string Currency, string ValueDate, int AgeDays, string Channel, string BankAccount,
        string Reason, string By);

    public sealed record Response(string AsOf, int Count, string Total, IReadOnlyList<Item> Items);

    public const int MaxItems = 5000;

    public static void MapListSuspense(this RouteGroupBuilder group) =>
        group.MapGet("/landlords/{landlordId}/bank/suspense", HandleAsync).RequireAuthorization(Scopes.BankRead);

    public static async Task<IResult> HandleAsync(string landlordId, string? asOf, RequestContext context, IDocumentStore store, CancellationToken ct)
    {
        if (await context.LandlordAsync(landlordId, ct) is null) return Problems.NotFound("landlordId", "unknown landlord");
        var at = string.IsNullOrWhiteSpace(asOf) ? context.Today : Input.Date(asOf, "asOf");
        await using var session = store.QuerySession(landlordId);
        var open = await session.Query<SuspenseView>().Where(s => s.Status == "Open").ToListAsync(ct);
        var items = open.OrderBy(s => s.ValueDate).ThenBy(s => s.Id, StringComparer.Ordinal).Take(MaxItems)
            .Select(s => new Item(s.Id, Input.Format(s.AmountCents), s.Currency, s.ValueDate.ToString("yyyy-MM-dd", null),
                Math.Max(0, Period.Between(s.ValueDate, at, PeriodUnits.Days).Days), s.Channel, s.BankAccount, s.Reason, s.By))
            .ToList();
        return TypedResults.Ok(new Response(at.ToString("yyyy-MM-dd", null), open.Count, Input.Format(open.Sum(s => s.AmountCents)), items));
    }
}
