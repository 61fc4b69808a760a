using System.Text;
using Primitives;
using Sylvan.Data.Csv;

namespace Ledger.Api.Features.Notices;

/// <summary>
/// The rent-roll CSV a landlord's tenant-management system or spreadsheet exports, header row:
/// <c>tenant_reference,tenant_name,dwelling_reference,notice_reference,period,issued_on,due_date,rent,charges,sls,rls,other,currency</c>.
/// One notice per row; amounts like <c>512.30</c>, empty or 0 for an absent line; <c>rls</c> is written negative. What a French
/// spreadsheet exports is accepted too: <c>;</c> as separator (detected on the header row), Windows-1252 or UTF-8 with or
/// without BOM (a file that is not valid UTF-8 is read as Windows-1252), and a decimal comma (<c>512,30</c>). Read with
/// Sylvan.Data.Csv (RFC 4180 quotes). Errors name the file's line (the header is line 1, quoted line breaks counted) and column.
/// </summary>
public static class RentRollCsv
{
    public static readonly string[] Columns =
        ["tenant_reference", "tenant_name", "dwelling_reference", "notice_reference", "period", "issued_on", "due_date",
         "rent", "charges", "sls", "rls", "other", "currency"];

    private static readonly (string Column, string Kind, string Label)[] Amounts =
    [
        ("rent", "Rent", "Loyer"), ("charges", "Charges", "Provisions pour charges"),
        ("sls", "Sls", "Supplément de loyer de solidarité"), ("rls", "Rls", "Réduction de loyer de solidarité"), ("other", "Other", "Autres"),
    ];

    /// <summary>A parsed row, or the error of a row that could not be read (the import reports every one, up to a cap).</summary>
    public sealed record Row(int Line, ImportNotices.NoticeRequest? Notice, DomainValidationException? Error);

    public static string Decode(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith("\uFEFF"u8)) return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return Encoding.UTF8.GetString(bytes);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252).GetString(bytes);
    }

    public static IEnumerable<Row> Parse(string text)
    {
        var firstLine = text.AsSpan(0, Math.Max(0, text.IndexOf('\n') is var n && n >= 0 ? n : text.Length));
        var delimiter = firstLine.Contains(';') && !firstLine.Contains(',') ? ';' : ',';
        using var reader = CsvDataReader.Create(new StringReader(text.TrimStart('\uFEFF')), new CsvDataReaderOptions
        {
            HasHeaders = true, Delimiter = delimiter, Comment = '\0', HeaderComparer = StringComparer.OrdinalIgnoreCase,
        });
        var header = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetName(i).Trim().ToLowerInvariant()).ToArray();
        if (header.Length <= 1 && header.All(h => h.Length == 0)) throw new DomainValidationException("line 1", "the file is empty: a header row is expected");
        if (!header.SequenceEqual(Columns)) throw new DomainValidationException("line 1", $"the header must be: {string.Join(delimiter, Columns)}");

        var nextLine = 2;
        while (true)
        {
            bool read;
            try { read = reader.Read(); }
            catch (CsvFormatException) { throw new DomainValidationException($"line {nextLine}", $"line {nextLine}: a quoted field is not closed"); }
            if (!read) yield break;
            var line = nextLine;
            nextLine = checked(line + Math.Max(1, reader.GetRawRecordSpan().Count('\n')));
            var fields = Enumerable.Range(0, reader.RowFieldCount).Select(reader.GetString).ToArray();
            if (fields.All(f => f.Trim().Length == 0)) continue; // blank line
            yield return Read(line, fields);
        }
    }

    private static Row Read(int line, string[] fields)
    {
        if (fields.Length != Columns.Length)
        {
            return new(line, null, new DomainValidationException($"line {line}", $"line {line} has {fields.Length} columns; {Columns.Length} are expected"));
        }
        string F(string column) => fields[Array.IndexOf(Columns, column)].Trim();
        var noticeLines = new List<ImportNotices.LineRequest>();
        foreach (var (column, kind, label) in Amounts)
        {
            var amount = F(column);
            if (amount.Length == 0) continue;
            // A French spreadsheet writes 512,30 (with ';' between columns, or quoted).
            if (amount.Count(c => c == ',') == 1 && !amount.Contains('.', StringComparison.Ordinal)) amount = amount.Replace(',', '.');
            if (!Money.TryParseCents(amount, out var cents))
            {
                return new(line, null, new DomainValidationException($"line {line}: {column}", $"line {line}: {column} must be an amount like 512.30 or 512,30"));
            }
            if (cents != 0) noticeLines.Add(new ImportNotices.LineRequest(kind, label, amount));
        }
        return new(line, new ImportNotices.NoticeRequest(
            F("tenant_reference"), NullIfEmpty(F("tenant_name")), NullIfEmpty(F("dwelling_reference")), F("notice_reference"),
            F("period"), NullIfEmpty(F("issued_on")), F("due_date"), NullIfEmpty(F("currency")), noticeLines), null);
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
