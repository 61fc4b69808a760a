namespace Reconciliation.Statements.Csv;

/// <summary>Header-addressed CSV rows: columns are found by name (case-insensitive), never by position.</summary>
public sealed class CsvTable
{
    private readonly CsvReader _reader;
    private readonly Dictionary<string, int> _columns;

    public CsvTable(TextReader reader, IEnumerable<string> required)
    {
        _reader = new CsvReader(reader);
        var header = _reader.ReadRecord() ?? throw new StatementFormatException("line 1", "empty file: a header row is expected");
        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim().TrimStart('\uFEFF');
            if (name.Length > 0) _columns.TryAdd(name, i);
        }
        var missing = required.Where(r => !_columns.ContainsKey(r)).ToList();
        if (missing.Count > 0) throw new StatementFormatException("line 1", "missing column(s): " + string.Join(", ", missing));
    }

    public int Line => _reader.RecordLine;

    public bool Has(string column) => _columns.ContainsKey(column);

    public IReadOnlyList<string>? Next() => _reader.ReadRecord();

    public string Get(IReadOnlyList<string> row, string column) =>
        _columns.TryGetValue(column, out var i) && i < row.Count ? row[i].Trim() : "";

    public string? Opt(IReadOnlyList<string> row, string column) => Get(row, column) is { Length: > 0 } v ? v : null;
}
