using Ledger.Api.Infrastructure;
using Ledger.Api.Projections;
using Marten;

namespace Ledger.Api.Features.Reporting;

/// <summary>The double-entry journal for a period (inclusive dates), with its totals: debits equal credits or it is a bug.</summary>
public static class GetJournal
{
    public sealed record Line(string Account, string? Auxiliary, string Debit, string Credit, string Label);

    public sealed record Entry(string Journal, string Date, string PieceRef, string Label, string TenantReference, IReadOnlyList<Line> Lines);

    public sealed record Response(string From, string To, string TotalDebit, string TotalCredit, bool Balanced, IReadOnlyList<Entry> Entries);

    public static void MapGetJournal(this RouteGroupBuilder group) =>
        group.MapGet("/landlords/{landlordId}/journal", HandleAsync).RequireAuthorization(Scopes.JournalRead);

    public static async Task<IResult> HandleAsync(string landlordId, string? from, string? to, IDocumentStore store, CancellationToken ct)
    {
        var start = Input.Date(from, "from");
        var end = Input.Date(to, "to");
        if (end < start) return Problems.Invalid("to", "to must not be before from");
        if (NodaTime.Period.Between(start, end, NodaTime.PeriodUnits.Days).Days > 400)
            return Problems.Invalid("to", "a journal extract covers at most 400 days");
        int fromKey = LedgerProjection.DateKey(start), toKey = LedgerProjection.DateKey(end);
        await using var session = store.QuerySession(landlordId);
        var entries = await session.Query<JournalEntryView>()
            .Where(j => j.DateKey >= fromKey && j.DateKey <= toKey)
            .OrderBy(j => j.DateKey).ThenBy(j => j.Id)
            .ToListAsync(ct);
        long debit = entries.Sum(e => e.TotalDebitCents), credit = entries.Sum(e => e.TotalCreditCents);
        return TypedResults.Ok(new Response(start.ToString("yyyy-MM-dd", null), end.ToString("yyyy-MM-dd", null),
            Input.Format(debit), Input.Format(credit), debit == credit,
            entries.Select(e => new Entry(e.Journal, e.Date.ToString("yyyy-MM-dd", null), e.PieceRef, e.Label, e.TenantReference,
                e.Lines.Select(l => new Line(l.Account, l.Auxiliary, Input.Format(l.Debit), Input.Format(l.Credit), l.Label)).ToList())).ToList()));
    }
}
