using System.Globalization;
using System.Text;
using Ledger.Api.Infrastructure;
using Ledger.Api.Projections;
using Ledger.Domain.Journal;
using Marten;
using NodaTime;

namespace Ledger.Api.Features.Exports;

/// <summary>
/// The Fichier des Écritures Comptables of one fiscal year (art. A47 A-1 LPF; ../shared/reference/ledger-reconciliation.md
/// §4.2): header then the 18 zones, '|' separated, ISO 8859-15, CRLF. À-nouveaux first (journal AN, detailed per tenant
/// and lettrage group so lettrage carries over), then entries by date and journal, EcritureNum continuous per journal.
/// ValidDate is the entry date: the ledger posts an entry final when the fact is recorded, with no separate validation
/// step. EcritureLet/DateLet are the lettrage as of the export. Streamed row by row; the same data gives the same bytes.
/// </summary>
public static class ExportFec
{
    public const string Header = "JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|CompAuxLib|PieceRef|"
        + "PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|ValidDate|Montantdevise|Idevise";

    public static void MapExportFec(this RouteGroupBuilder group) =>
        group.MapGet("/landlords/{landlordId}/exports/fec", HandleAsync).RequireAuthorization(Scopes.JournalRead);

    public static async Task<IResult> HandleAsync(
        string landlordId, string? fiscalYearEnd, IDocumentStore store, ChartOfAccounts chart, IClock clock, CancellationToken ct)
    {
        LandlordProfile? profile;
        await using (var session = store.QuerySession(landlordId))
        {
            profile = await session.LoadAsync<LandlordProfile>(landlordId, ct);
        }
        if (profile is null) return Problems.NotFound("landlordId", "no such landlord");
        var today = clock.GetCurrentInstant().InUtc().Date;
        var (start, problem) = AccountingProfile.FiscalYear(profile, fiscalYearEnd, today);
        if (problem is not null) return problem;
        if (profile.Siren is null)
            return Problems.Conflict("siren", "the landlord's profile has no siren: set it with PUT /landlords/{id} before exporting the FEC");
        var end = LocalDate.FromDateTime(DateTime.ParseExact(fiscalYearEnd!, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        var upTo = end < today ? end : today; // the year still open is exported to date
        var fileName = $"{profile.Siren}FEC{end:yyyyMMdd}.txt";
        return TypedResults.Stream(body => WriteAsync(body, store, landlordId, chart, start, upTo, ct),
            "text/plain; charset=iso-8859-15", fileName);
    }

    private static async Task WriteAsync(Stream body, IDocumentStore store, string landlordId, ChartOfAccounts chart, LocalDate start, LocalDate upTo, CancellationToken ct)
    {
        await using var writer = new StreamWriter(body, ExportText.Latin9, 1 << 16) { NewLine = "\r\n" };
        var sb = new StringBuilder(1 << 16);
        sb.Append(Header).Append("\r\n");
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        int fromKey = LedgerProjection.DateKey(start), toKey = LedgerProjection.DateKey(upTo);
        var startText = fromKey.ToString(CultureInfo.InvariantCulture);

        // À-nouveaux: balance-sheet accounts carried forward; classes 6 and 7 netted into the opening result account.
        long result = 0;
        var opening = false;
        await foreach (var o in JournalRows.OpeningAsync(store, landlordId, fromKey, chart.TenantReceivable, ct))
        {
            if (o.Account[0] is '6' or '7') { result += o.Net; continue; }
            if (o.Net == 0) continue;
            var num = opening ? Number(numbers, chart.OpeningJournal, increment: false) : Number(numbers, chart.OpeningJournal);
            opening = true;
            var receivable = o.Account == chart.TenantReceivable;
            Line(sb, chart, chart.OpeningJournal, num, startText, o.Account, o.Auxiliary, o.AuxName, "AN", startText, "À-nouveaux", o.Net,
                receivable ? o.Code : null, receivable ? o.DateLet : null);
            await FlushIfFullAsync(writer, sb);
        }
        if (result != 0)
        {
            var num = opening ? Number(numbers, chart.OpeningJournal, increment: false) : Number(numbers, chart.OpeningJournal);
            Line(sb, chart, chart.OpeningJournal, num, startText, chart.OpeningResult, "", null, "AN", startText, "À-nouveaux (résultat)", result, null, null);
        }

        await foreach (var row in JournalRows.ReadAsync(store, landlordId, fromKey, toKey, ct))
        {
            var num = Number(numbers, row.Journal);
            var date = row.DateKey.ToString(CultureInfo.InvariantCulture);
            foreach (var l in row.Lines)
            {
                var receivable = l.Account == chart.TenantReceivable;
                Line(sb, chart, row.Journal, num, date, l.Account, receivable ? l.Auxiliary : "", receivable ? row.TenantName : null,
                    row.PieceRef, date, row.Label, l.Debit - l.Credit, receivable ? row.LetterCode : null, receivable ? row.DateLet : null);
            }
            await FlushIfFullAsync(writer, sb);
        }
        await writer.WriteAsync(sb, ct);
        await writer.FlushAsync(ct);
    }

    private static string Number(Dictionary<string, int> numbers, string journal, bool increment = true)
    {
        var n = numbers.GetValueOrDefault(journal) + (increment ? 1 : 0);
        numbers[journal] = n;
        return string.Create(CultureInfo.InvariantCulture, $"{journal}{n:00000000}");
    }

    private static void Line(StringBuilder sb, ChartOfAccounts chart, string journal, string num, string date, string account, string? aux,
        string? auxName, string piece, string pieceDate, string label, long signed, string? code, string? dateLet)
    {
        sb.Append(ExportText.Zone(journal)).Append('|').Append(ExportText.Zone(chart.LabelOf(journal))).Append('|').Append(num).Append('|')
            .Append(date).Append('|').Append(ExportText.Zone(account)).Append('|').Append(ExportText.Zone(chart.LabelOf(account))).Append('|')
            .Append(ExportText.Zone(aux)).Append('|').Append(ExportText.Zone(auxName)).Append('|').Append(ExportText.Zone(piece)).Append('|')
            .Append(pieceDate).Append('|').Append(ExportText.Zone(label)).Append('|')
            .Append(ExportText.Amount(Math.Max(signed, 0))).Append('|').Append(ExportText.Amount(Math.Max(-signed, 0))).Append('|')
            .Append(code ?? "").Append('|').Append(ExportText.CompactDate(code is null ? null : dateLet)).Append('|')
            .Append(date).Append("||").Append("\r\n");
    }

    private static async Task FlushIfFullAsync(StreamWriter writer, StringBuilder sb)
    {
        if (sb.Length < 60_000) return;
        await writer.WriteAsync(sb);
        sb.Clear();
    }
}
