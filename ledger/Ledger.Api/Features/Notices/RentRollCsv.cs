using System.Text;
using Primitives;

namespace Ledger.Api.Features.Notices;

/// <summary>
/// The rent-roll CSV a landlord's tenant-management system exports (UTF-8, header row, ',' separator, RFC 4180 quotes):
/// <c>tenant_reference,tenant_name,dwelling_reference,notice_reference,period,issued_on,due_date,rent,charges,sls,rls,other,currency</c>.
/// One notice per row; amounts like <c>512.30</c>, empty or 0 for an absent line; <c>rls</c> is written negative.
/// Errors name the line number (the header is line 1) and the column.
/// </summary>
public static class RentRollCsv
{
    public static readonly string[] Columns =
        ["tenant_reference", "tenant_name", "dwelling_reference", "notice_reference", "period", "issued_on", "due_date",
         "rent", "charges", "sls", "rls", "other", "currency"];

    public static IEnumerable<(int Line, ImportNotices.NoticeRequest Notice)> Parse(string text)
    {
        var lines = SplitRecords(text);
        if (lines.Count == 0) throw new DomainValidationException("line 1", "the file is empty: a header row is expected");
        var header = lines[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        if (!header.SequenceEqual(Columns))
        {
            throw new DomainValidationException("line 1", $"the header must be: {string.Join(',', Columns)}");
        }
        foreach (var (lineNo, fields) in lines.Skip(1))
        {
            if (fields.Count == 1 && string.IsNullOrWhiteSpace(fields[0])) continue; // trailing blank line
            if (fields.Count != Columns.Length)
            {
                throw new DomainValidationException($"line {lineNo}", $"line {lineNo} has {fields.Count} columns; {Columns.Length} are expected");
            }
            string F(string column) => fields[Array.IndexOf(Columns, column)].Trim();
            var noticeLines = new List<ImportNotices.LineRequest>();
            foreach (var (column, kind, label) in new[]
                     {
                         ("rent", "Rent", "Loyer"), ("charges", "Charges", "Provisions pour charges"),
                         ("sls", "Sls", "Supplément de loyer de solidarité"), ("rls", "Rls", "Réduction de loyer de solidarité"),
                         ("other", "Other", "Autres"),
                     })
            {
                var amount = F(column);
                if (amount.Length == 0) continue;
                if (!Money.TryParseCents(amount, out var cents))
                {
                    throw new DomainValidationException($"line {lineNo}: {column}", $"line {lineNo}: {column} must be an amount like 512.30");
                }
                if (cents != 0) noticeLines.Add(new ImportNotices.LineRequest(kind, label, amount));
            }
            yield return (lineNo, new ImportNotices.NoticeRequest(
                F("tenant_reference"), NullIfEmpty(F("tenant_name")), NullIfEmpty(F("dwelling_reference")), F("notice_reference"),
                F("period"), NullIfEmpty(F("issued_on")), F("due_date"), NullIfEmpty(F("currency")), noticeLines));
        }
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    /// <summary>RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    private static List<(int Line, List<string> Fields)> SplitRecords(string text)
    {
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var line = 1;
        var recordLine = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') inQuotes = false;
                else { if (c == '\n') line++; field.Append(c); }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0: inQuotes = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n':
                    fields.Add(field.ToString()); field.Clear();
                    records.Add((recordLine, fields)); fields = [];
                    line++; recordLine = line;
                    break;
                case '\uFEFF' when i == 0: break;
                default: field.Append(c); break;
            }
        }
        if (inQuotes) throw new DomainValidationException($"line {recordLine}", $"line {recordLine}: a quoted field is not closed");
        if (field.Length > 0 || fields.Count > 0) { fields.Add(field.ToString()); records.Add((recordLine, fields)); }
        return records;
    }
}
