using System.Globalization;
using System.Text;
using Ledger.Api.Infrastructure;
using Ledger.Api.Projections;
using Ledger.Domain.Journal;
using Marten;

namespace Ledger.Api.Features.Exports;

/// <summary>
/// The journal as CSV for the landlord's accounting software: one row per line, ';' separated (what French spreadsheets
/// expect), decimal comma, UTF-8 with BOM, streamed. Cells a spreadsheet could run as a formula are neutralised (OWASP CSV
/// injection: a leading = + - @ tab or CR gets a leading apostrophe, and the cell is quoted).
/// </summary>
public static class ExportJournalCsv
{
    public const string Header = "journal;date;piece;libelle;locataire;nom;compte;auxiliaire;debit;credit;lettrage;date_lettrage";

    public static void MapExportJournalCsv(this RouteGroupBuilder group) =>
        group.MapGet("/landlords/{landlordId}/exports/journal.csv", HandleAsync).RequireAuthorization(Scopes.JournalRead);

    public static async Task<IResult> HandleAsync(string landlordId, string? from, string? to, IDocumentStore store, ChartOfAccounts chart, CancellationToken ct)
    {
        var start = Input.Date(from, "from");
        var end = Input.Date(to, "to");
        if (end < start) return Problems.Invalid("to", "to must not be before from");
        if (NodaTime.Period.Between(start, end, NodaTime.PeriodUnits.Days).Days > 400)
            return Problems.Invalid("to", "a journal extract covers at most 400 days");
        await using (var session = store.QuerySession(landlordId))
        {
            if (await session.LoadAsync<LandlordProfile>(landlordId, ct) is null) return Problems.NotFound("landlordId", "no such landlord");
        }
        int fromKey = LedgerProjection.DateKey(start), toKey = LedgerProjection.DateKey(end);
        return TypedResults.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16) { NewLine = "\r\n" };
            var sb = new StringBuilder(1 << 16).Append(Header).Append("\r\n");
            await foreach (var row in JournalRows.ReadAsync(store, landlordId, fromKey, toKey, ct))
            {
                var date = row.DateKey.ToString(CultureInfo.InvariantCulture);
                date = $"{date[..4]}-{date[4..6]}-{date[6..]}";
                foreach (var l in row.Lines)
                {
                    var receivable = l.Account == chart.TenantReceivable;
                    Row(sb, row.Journal, date, row.PieceRef, row.Label, row.Tenant, row.TenantName, l.Account, l.Auxiliary,
                        ExportText.Amount(l.Debit), ExportText.Amount(l.Credit), receivable ? row.LetterCode : null, receivable && row.LetterCode is not null ? row.DateLet : null);
                }
                if (sb.Length > 60_000) { await writer.WriteAsync(sb, ct); sb.Clear(); }
            }
            await writer.WriteAsync(sb, ct);
            await writer.FlushAsync(ct);
        }, "text/csv; charset=utf-8", $"journal-{start:yyyyMMdd}-{end:yyyyMMdd}.csv");
    }

    private static void Row(StringBuilder sb, params string?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0) sb.Append(';');
            sb.Append(Cell(cells[i]));
        }
        sb.Append("\r\n");
    }

    /// <summary>One CSV cell: quoted when needed, formula-looking text neutralised with a leading apostrophe.</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var risky = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        var text = risky ? "'" + value : value;
        return risky || text.AsSpan().IndexOfAny(";\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
