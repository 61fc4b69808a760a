using System.Text;

namespace Reconciliation.Statements.Csv;

/// <summary>
/// A minimal RFC 4180 reader (comma, double quotes, doubled quotes inside quotes, quoted line breaks), streaming record
/// by record. Reports the line on which each record starts so errors can name it.
/// </summary>
public sealed class CsvReader(TextReader reader)
{
    private int _line;

    public int RecordLine { get; private set; }

    public List<string>? ReadRecord()
    {
        var first = reader.ReadLine();
        _line++;
        while (first != null && first.Length == 0)
        {
            first = reader.ReadLine();
            _line++;
        }
        if (first == null) return null;
        RecordLine = _line;
        var fields = new List<string>();
        var sb = new StringBuilder();
        var text = first;
        var i = 0;
        var quoted = false;
        while (true)
        {
            if (i >= text.Length)
            {
                if (!quoted) { fields.Add(sb.ToString()); return fields; }
                var next = reader.ReadLine() ?? throw new StatementFormatException($"line {RecordLine}", "a quoted field is not closed before the end of the file");
                _line++;
                sb.Append('\n');
                text = next;
                i = 0;
                continue;
            }
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { sb.Append('"'); i += 2; continue; }
                    quoted = false;
                }
                else sb.Append(c);
            }
            else if (c == '"' && sb.Length == 0) quoted = true;
            else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
            i++;
        }
    }
}
