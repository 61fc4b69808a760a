using Ledger.Api.Infrastructure;
using Ledger.Domain.Accounts;
using Ledger.Domain.Journal;
using Marten;

namespace Ledger.Api.Features.Accounts;

/// <summary>
/// The relevé de compte: every movement on the tenant's receivable, in order, with the running balance. Computed from the
/// event stream with the same journal rules as the accounting journal, so the two can never disagree.
/// </summary>
public static class GetStatement
{
    /// <summary>Lettrage: the line's code as of now (lower case while its group is partial), with the date it was lettered.</summary>
    public sealed record Line(long Sequence, string Date, string Piece, string Label, string Debit, string Credit, string Balance,
        string? Lettrage = null, string? LettrageDate = null);

    public sealed record Response(string TenantReference, string Currency, string Balance, IReadOnlyList<Line> Lines);

    public static void MapGetStatement(this RouteGroupBuilder group) =>
        group.MapGet("/landlords/{landlordId}/accounts/statement", HandleAsync).RequireAuthorization(Scopes.AccountsRead);

    public static async Task<IResult> HandleAsync(string landlordId, string? tenantReference, IDocumentStore store, ChartOfAccounts chart, CancellationToken ct)
    {
        var tenant = Input.Tenant(tenantReference);
        await using var session = store.QuerySession(landlordId);
        var events = await session.Events.FetchStreamAsync(tenant.Value, token: ct);
        if (events.Count == 0) return Problems.NotFound("tenantReference", "no account for this tenant reference");
        var state = TenantAccount.Initial;
        var lines = new List<(Line Line, string? Item)>();
        long balance = 0;
        foreach (var e in events)
        {
            if (JournalPosting.For(e.Data, state, chart) is { } entry)
            {
                foreach (var l in entry.Lines.Where(l => l.Account == chart.TenantReceivable))
                {
                    balance = checked(balance + l.Debit - l.Credit);
                    lines.Add((new Line(e.Version, entry.Date.ToString("yyyy-MM-dd", null), entry.PieceRef, LabelOf(e.Data, entry.Label),
                        Input.Format(l.Debit), Input.Format(l.Credit), Input.Format(balance)), Lettrage.ItemOf(e.Data)));
                }
            }
            state = TenantAccount.Evolve(state, e.Data);
        }
        var lettered = lines.Select(x => state.Lettrage.GroupOf(x.Item ?? "") is { } g
            ? x.Line with { Lettrage = g.Display, LettrageDate = g.DateLet?.ToString("yyyy-MM-dd", null) }
            : x.Line).ToList();
        return TypedResults.Ok(new Response(tenant.Value, state.Currency.Code, Input.Format(state.Balance.Cents), lettered));
    }

    // The tenant reads why a direct debit came back in French ("Prélèvement retourné le 8 décembre 2026 : provision
    // insuffisante (AM04)"), not the journal's short label; the journal and the FEC keep theirs.
    private static string LabelOf(object data, string journalLabel) =>
        data is PaymentReversed { Kind: ReversalKind.DirectDebitReturned, ReasonCode.Length: > 0 } r
            ? Ledger.Domain.DirectDebit.DirectDebitWording.Returned(r.On, r.ReasonCode)
            : journalLabel;
}
