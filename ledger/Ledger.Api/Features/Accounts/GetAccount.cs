using Ledger.Api.Infrastructure;
using Ledger.Api.Projections;
using Ledger.Domain.Accounts;
using Marten;

namespace Ledger.Api.Features.Accounts;

/// <summary>A tenant account: balance (positive = the tenant owes), credit held, and the open notices oldest due first.</summary>
public static class GetAccount
{
    public sealed record OpenNotice(string NoticeReference, string Period, string DueDate, string AmountDue);

    public sealed record Response(
        string TenantReference, string TenantName, string DwellingReference, bool Closed, string Balance, string Credit,
        string Currency, IReadOnlyList<OpenNotice> OpenNotices)
    {
        public static Response From(AccountView v) => new(
            v.Id, v.TenantName, v.DwellingReference, v.Closed, Input.Format(v.BalanceCents), Input.Format(v.CreditCents), v.Currency,
            v.OpenNotices.Select(n => new OpenNotice(n.NoticeReference, n.Period, n.DueDate.ToString("yyyy-MM-dd", null), Input.Format(n.OutstandingCents))).ToList());

        public static Response From(TenantAccount s) => From(LedgerProjection.Account(s, 0));
    }

    public static void MapGetAccount(this RouteGroupBuilder group) =>
        group.MapGet("/landlords/{landlordId}/accounts", HandleAsync).RequireAuthorization(Scopes.AccountsRead);

    public static async Task<IResult> HandleAsync(string landlordId, string? tenantReference, IDocumentStore store, CancellationToken ct)
    {
        var tenant = Input.Tenant(tenantReference);
        await using var session = store.QuerySession(landlordId);
        var view = await session.LoadAsync<AccountView>(tenant.Value, ct);
        return view is null ? Problems.NotFound("tenantReference", "no account for this tenant reference") : TypedResults.Ok(Response.From(view));
    }
}
