using Sylvan.Data.Csv;

namespace Reconciliation.Statements.Csv;

/// <summary>
/// Header-addressed CSV rows read with Sylvan.Data.Csv (RFC 4180: comma, double quotes, doubled quotes, quoted line
/// breaks): columns are found by name (case-insensitive), never by position. It keeps the line on which each record
/// starts, counting the line breaks inside quoted fields and the blank lines, so every error can name the file's line.
/// </summary>
public sealed class CsvTable : IDisposable
{
    private readonly CsvDataReader _reader;
    private readonly Dictionary<string, int> _columns;
    private int _nextLine = 2;

    public CsvTable(TextReader reader, IEnumerable<string> required)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(required);
        var options = new CsvDataReaderOptions
        {
            HasHeaders = true,
            Delimiter = ',',
            HeaderComparer = StringComparer.OrdinalIgnoreCase,
            OwnsReader = false,
            // No comment lines in these formats: a '#' at the start of a line is data (an Eficash office, a reference).
            Comment = '\0',
        };
        try
        {
            _reader = CsvDataReader.Create(reader, options);
        }
        catch (CsvFormatException ex)
        {
            throw new StatementFormatException("line 1", "the header row is not valid CSV: " + ex.Message, ex);
        }
        if (_reader.FieldCount == 0 || (_reader.FieldCount == 1 && _reader.GetName(0).Trim().Length == 0))
        {
            throw new StatementFormatException("line 1", "empty file: a header row is expected");
        }
        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < _reader.FieldCount; i++)
        {
            var name = _reader.GetName(i).Trim().TrimStart('\uFEFF');
            if (name.Length > 0) _columns.TryAdd(name, i);
        }
        var missing = required.Where(r => !_columns.ContainsKey(r)).ToList();
        if (missing.Count > 0) throw new StatementFormatException("line 1", "missing column(s): " + string.Join(", ", missing));
    }

    /// <summary>The line on which the current record starts (the header is line 1).</summary>
    public int Line { get; private set; } = 1;

    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>The next non-blank record's fields, or null at the end of the file.</summary>
    public IReadOnlyList<string>? Next()
    {
        while (true)
        {
            bool read;
            try
            {
                read = _reader.Read();
            }
            catch (CsvFormatException ex)
            {
                throw new StatementFormatException($"line {_nextLine}", "a quoted field is not closed, or a quote stands inside an unquoted field: " + ex.Message, ex);
            }
            if (!read) return null;
            Line = _nextLine;
            var raw = _reader.GetRawRecordSpan();
            var breaks = raw.Count('\n');
            _nextLine = checked(Line + Math.Max(1, breaks));
            var fields = new string[_reader.RowFieldCount];
            var blank = true;
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = _reader.GetString(i);
                blank &= fields[i].Length == 0;
            }
            if (!blank) return fields;
        }
    }

    public string Get(IReadOnlyList<string> row, string column) =>
        _columns.TryGetValue(column, out var i) && i < row.Count ? row[i].Trim() : "";

    public string? Opt(IReadOnlyList<string> row, string column) => Get(row, column) is { Length: > 0 } v ? v : null;

    public void Dispose() => _reader.Dispose();
}
